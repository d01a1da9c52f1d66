package checkout

import (
	"math"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"

	passwordvalidator "github.com/wagslane/go-password-validator"
	"golang.org/x/text/unicode/norm"
	"golang.org/x/text/width"
)

// commonPasswordWords are passwords people choose first, in the shop's
// languages too ("비밀번호", "密码", "mima", "katasandi", "รหัสผ่าน"), which a
// password must not be built of with only digits, signs and letters
// swapped for look-alikes around it ("Password1234!", "P@ssw0rd2024",
// "iloveyou2026!!", "adminadminadmin1", "Summer2026!!!", "密码123456"):
// the entropy check (minStaffEntropy) counts such a password's
// characters, not how often it is tried first.
var commonPasswordWords = []string{
	"password", "passwort", "pasword", "qwerty", "qwertz", "azerty", "iloveyou", "letmein", "welcome", "admin",
	"administrator", "changeme", "secret", "monkey", "dragon", "master", "sunshine", "princess",
	"football", "baseball", "superman", "trustno", "login", "default", "shop", "antom", "alipay",
	"hello", "love", "test", "pass", "user", "guest", "root", "staff", "money", "payment", "store",
	"starwars", "whatever", "jennifer", "michael", "charlie", "shadow", "freedom", "computer",
	"spring", "summer", "autumn", "winter", "fall",
	"january", "february", "march", "april", "may", "june", "july", "august", "september",
	"october", "november", "december",
	// The shop's languages: "password", "I love you", "admin".
	"비밀번호", "사랑해", "saranghae", "sarang", "관리자",
	"密码", "密碼", "mima", "woaini", "aini", "我爱你", "我愛你", "管理员", "管理員",
	"katasandi", "sandi", "katalaluan", "kata", "laluan", "sayang", "cinta",
	"รหัสผ่าน", "รักเธอ",
}

// commonDigitPasswords are runs of digits chosen first, a password of
// digits alone being made of them ("5201314520": 520 and 1314 say "I
// love you forever" in Chinese; "123123", "147258369": a keypad's
// columns).
var commonDigitPasswords = []string{
	"5201314", "1314", "520", "123123", "112233", "121212", "123321", "147258369", "159357",
	"147258", "258369", "987654321", "654321", "000000", "111111", "666666", "888888",
}

// keyboardWalks are keys struck in a row down a keyboard's columns or
// along its rows, which the entropy check does not know as a sequence:
// a password whose letters and digits are minWalk or more of one of
// them, in order, with at most a year after it ("1qaz2wsx3edc",
// "zaq12wsx2026", "1q2w3e4r5t6y"), is one.
var keyboardWalks = []string{
	"1q2w3e4r5t6y7u8i9o0p", "q1w2e3r4t5y6u7i8o9p0", "1qaz2wsx3edc4rfv5tgb6yhn7ujm8ik9ol0p",
	"zaq12wsxcde34rfvbgt56yhnmju78ik9ol0p", "qazwsxedcrfvtgbyhnujmikolp", "a1b2c3d4e5f6g7h8i9j0",
	"1a2b3c4d5e6f7g8h9i0j", "qweasdzxc", "zxcasdqwe", "qwertyuiopasdfghjklzxcvbnm", "1234qwerasdfzxcv",
}

const minWalk = 6

// passwordLookAlikes undo the usual swaps of letters for digits and
// signs ("p@ssw0rd" is "password").
var passwordLookAlikes = strings.NewReplacer("@", "a", "4", "a", "0", "o", "3", "e", "1", "i", "!", "i", "$", "s", "5", "s", "7", "t")

// A password's digits and signs around a common word, or between its
// letters, only dress it up (dressing) when their digits are few
// (maxDressingDigits: a year, a date, "1234"), give fewer bits than
// maxDressingEntropy ("123456789") or repeat ("20262026"): 8 random
// digits or more ("Test-7391-Pass-8264", "May-90412837561") carry
// guessing work of their own, which the entropy check counts.
const (
	maxDressingDigits  = 6
	maxDressingEntropy = 26
)

// guessablePassword reports whether p, a new password of the account
// email, is as easy to guess as what it is made of, in each of its
// readings (passwordReadings: as typed, case and width folded, accents
// off, the keys a Thai keyboard pressed):
//
//   - made of common passwords (commonPasswordWords) and the account's
//     own email, its name or its domain's, one or more of them, again
//     and again, read with the digits and signs around them left out
//     and look-alikes undone ("P@ssw0rd2024", "P@ssw0rd123456789" are
//     "password"), or by its letters alone ("Password-2026-Password"),
//     where what is left out only dresses them up (dressing):
//     "adminadminadmin1",
//     "Adminpassword!", "bob@shop.example1", "bobbob2026", "密码123456";
//   - digits alone made of commonDigitPasswords ("5201314520");
//   - a keyboard walk (keyboardWalks: "1qaz2wsx3edc");
//   - or one short phrase typed again and again ("abcabcabcabc",
//     "xyzxyz2026", "中文密码中文密码中文密码").
func guessablePassword(p, email string) bool {
	words := append(slices.Clone(commonPasswordWords), accountWords(email)...)
	if repeatedPhrase(p) {
		return true
	}
	for _, r := range passwordReadings(p) {
		core := strings.TrimFunc(r, isNotLetter)
		if core != "" && dressing(strings.Replace(r, core, "", 1)) {
			core = passwordLookAlikes.Replace(core)
			if madeOf(core, words) || repeatedPhrase(core) {
				return true
			}
		}
		if dressing(strings.Map(func(c rune) rune {
			if isNotLetter(c) {
				return c
			}
			return -1
		}, r)) && madeOf(lettersOf(r), words) {
			return true
		}
		if strings.IndexFunc(r, func(c rune) bool { return c < '0' || c > '9' }) < 0 && madeOf(r, commonDigitPasswords) {
			return true
		}
		if keyboardWalk(r) {
			return true
		}
	}
	return false
}

// passwordReadings are p as what its keys meant: case folded, full-width
// letters and digits of any script as ASCII, Latin letters without accents
// ("ＰａｓｓｗÖｒｄ" is "password"); and, when it holds Thai, the keys a
// Thai (Kedmanee) keyboard pressed for it as a Latin one's
// ("ๅ/-ภถุึค" is "12345678").
func passwordReadings(p string) []string {
	folded := strings.Map(func(r rune) rune {
		if d, ok := digitValue(r); ok {
			return rune(d) // Thai "๑๒๓", Arabic-Indic: "123"
		}
		r = unicode.ToLower(r)
		if unicode.Is(unicode.Latin, r) {
			r, _ = utf8.DecodeRuneInString(norm.NFD.String(string(r))) // "ö" is "o"
		}
		return r
	}, width.Fold.String(p))
	out := []string{folded}
	if strings.ContainsFunc(folded, func(r rune) bool { return unicode.Is(unicode.Thai, r) }) {
		out = append(out, strings.Map(func(r rune) rune {
			if k, ok := thaiKeys[r]; ok {
				return k
			}
			return r
		}, folded))
	}
	return out
}

// thaiKeys are the keys of a Thai Kedmanee keyboard, unshifted, as the
// Latin (US) keys in their places.
var thaiKeys = func() map[rune]rune {
	m := map[rune]rune{}
	for _, row := range [][2]string{
		{"ๅ/-ภถุึคตจขช", "1234567890-="},
		{"ๆไำพะัีรนยบลฃ", "qwertyuiop[]\\"},
		{"ฟหกดเ้่าสวง", "asdfghjkl;'"},
		{"ผปแอิืทมใฝ", "zxcvbnm,./"},
	} {
		latin := []rune(row[1])
		for i, r := range []rune(row[0]) {
			m[r] = latin[i]
		}
	}
	return m
}()

// keyboardWalk reports whether p's letters and digits, less a year's
// digits at most at their end, are minWalk or more keys in a row of one
// of keyboardWalks.
func keyboardWalk(p string) bool {
	keys := strings.Map(func(r rune) rune {
		if i := strings.IndexRune(shiftedDigits, r); i >= 0 {
			return rune("1234567890"[i]) // "1qaz@WSX": 2 shifted
		}
		if r < utf8.RuneSelf && (unicode.IsLetter(r) || unicode.IsDigit(r)) {
			return r
		}
		return -1
	}, p)
	for cut := 0; cut <= 4 && cut <= len(keys); cut++ {
		k := keys[:len(keys)-cut]
		if len(k) >= minWalk && slices.ContainsFunc(keyboardWalks, func(w string) bool { return strings.Contains(w, k) }) {
			return true
		}
		if cut < len(keys) && !unicode.IsDigit(rune(keys[len(keys)-cut-1])) {
			break
		}
	}
	return false
}

// shiftedDigits are the signs a US keyboard's digit keys give shifted,
// in the order of "1234567890".
const shiftedDigits = "!@#$%^&*()"

// dressing reports whether s, the digits and signs a password's words
// stand among, only dresses them up (maxDressingDigits,
// maxDressingEntropy).
func dressing(s string) bool {
	digits := strings.Map(func(r rune) rune {
		if r >= '0' && r <= '9' {
			return r
		}
		return -1
	}, s)
	return len(digits) <= maxDressingDigits || passwordvalidator.GetEntropy(digits) < maxDressingEntropy || repeatedPhrase(digits)
}

// accountWords are the words of email a password must not be made of:
// the whole address and its name before "@" (each as written and as its
// letters alone) and the first label of its domain ("bob@shop.example":
// "bob@shop.example", "bobshopexample", "bob", "shop"), each of
// minAccountWord characters or more: a name of one or two letters
// ("a@b.example") would leave every password of those letters alone
// refused, and a password that is one is short anyway.
func accountWords(email string) []string {
	email = strings.ToLower(email)
	name, domain, _ := strings.Cut(email, "@")
	label, _, _ := strings.Cut(domain, ".")
	var out []string
	for _, w := range []string{email, lettersOf(email), name, lettersOf(name), label} {
		if utf8.RuneCountInString(w) >= minAccountWord {
			out = append(out, w)
		}
	}
	return out
}

// minAccountWord: the fewest characters an account's word (accountWords)
// has.
const minAccountWord = 3

// madeOf reports whether core, not empty, is words written one after
// another, each any number of times.
func madeOf(core string, words []string) bool {
	if core == "" {
		return false
	}
	ends := make([]bool, len(core)+1) // ends[i]: core[:i] is made of words
	ends[0] = true
	for i := range core {
		if !ends[i] {
			continue
		}
		for _, w := range words {
			if strings.HasPrefix(core[i:], w) {
				ends[i+len(w)] = true
			}
		}
	}
	return ends[len(core)]
}

// lettersOf is p's letters alone, case folded.
func lettersOf(p string) string {
	return strings.Map(func(r rune) rune {
		if isNotLetter(r) {
			return -1
		}
		return unicode.ToLower(r)
	}, p)
}

func isNotLetter(r rune) bool { return !unicode.IsLetter(r) }

// repeatedPhrase reports whether p is a phrase shorter than
// MinStaffPassword characters written two or more times over.
func repeatedPhrase(p string) bool {
	runes := []rune(p)
	for n := 1; n < MinStaffPassword && n <= len(runes)/2; n++ {
		if len(runes)%n == 0 && strings.Repeat(string(runes[:n]), len(runes)/n) == p {
			return true
		}
	}
	return false
}

// readingsEntropy is the fewest bits any of p's readings gives
// (passwordReadings; passwordvalidator.GetEntropy): the entropy check
// knows runs of lower-case letters only, so "QWERTYUIOP12" and
// "ABCDEFGH" count as much as random capitals, and "ๅ/-ภถุึค" as eight
// Thai letters, while folded they are the runs they were typed as.
func readingsEntropy(p string) float64 {
	least := math.Inf(1)
	for _, r := range passwordReadings(p) {
		least = min(least, passwordvalidator.GetEntropy(r))
	}
	return least
}
