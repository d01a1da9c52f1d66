package checkout

import (
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"
)

// commonPasswordWords are passwords people choose first, which a
// password must not be built of with only digits, signs and letters
// swapped for look-alikes around it ("Password1234!", "P@ssw0rd2024",
// "iloveyou2026!!", "adminadminadmin1", "Summer2026!!!"): the entropy
// check (minStaffEntropy) counts such a password's characters, not how
// often it is tried first.
var commonPasswordWords = []string{
	"password", "passwort", "qwerty", "qwertz", "azerty", "iloveyou", "letmein", "welcome", "admin",
	"administrator", "changeme", "secret", "monkey", "dragon", "master", "sunshine", "princess",
	"football", "baseball", "superman", "trustno", "login", "default", "shop", "antom", "alipay",
	"hello", "love", "test", "pass", "user", "guest", "root", "staff", "money", "payment", "store",
	"spring", "summer", "autumn", "winter", "fall",
	"january", "february", "march", "april", "may", "june", "july", "august", "september",
	"october", "november", "december",
}

// passwordLookAlikes undo the usual swaps of letters for digits and
// signs ("p@ssw0rd" is "password").
var passwordLookAlikes = strings.NewReplacer("@", "a", "4", "a", "0", "o", "3", "e", "1", "i", "!", "i", "$", "s", "5", "s", "7", "t")

// guessablePassword reports whether p, a new password of the account
// email, is as easy to guess as the words it is made of, read two ways —
// case folded with the digits and signs around it left out and
// look-alikes undone ("P@ssw0rd2024" is "password"), and its letters alone
// ("Password-2026-Password" is "passwordpassword"):
//
//   - made of common passwords (commonPasswordWords) and the account's
//     own email, its name or its domain's, one or more of them, again
//     and again ("adminadminadmin1", "Adminpassword!", "bob@shop.example1",
//     "bobbob2026");
//   - or one short phrase typed again and again ("abcabcabcabc",
//     "xyzxyz2026", "中文密码中文密码中文密码").
func guessablePassword(p, email string) bool {
	words := append(slices.Clone(commonPasswordWords), accountWords(email)...)
	for _, core := range []string{
		passwordLookAlikes.Replace(strings.TrimFunc(strings.ToLower(p), isNotLetter)),
		lettersOf(p),
	} {
		if madeOf(core, words) || repeatedPhrase(core) {
			return true
		}
	}
	return repeatedPhrase(p)
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
