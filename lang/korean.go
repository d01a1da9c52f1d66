package lang

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// Korean particles change with the sound they follow: 을/를, 이/가, 은/는,
// 와/과 and (으)로. A catalog writes both forms ("{{.Wallet}}을(를)") since
// it cannot know the name; koParticles picks the one that fits after the
// names the page fills in (nameArgs), when their Korean reading ends
// knowably, and keeps both forms otherwise (the usual Korean fallback).

// nameArgs are the message arguments holding names (a wallet, a payment
// method) whose particle koParticles picks.
var nameArgs = [...]string{"Wallet", "Method"}

// koParticle is a two-form particle: after a final consonant (batchim),
// after a vowel, and, for (으)로, the vowel form after ㄹ too.
type koParticle struct {
	both, consonant, vowel string
	rieulAsVowel           bool
}

var koParticles = [...]koParticle{
	{"을(를)", "을", "를", false},
	{"이(가)", "이", "가", false},
	{"은(는)", "은", "는", false},
	{"와(과)", "과", "와", false},
	{"(으)로", "으로", "로", true},
}

// Final sounds of a reading: none (a vowel), ㄹ, or another consonant.
const (
	endUnknown = iota
	endVowel
	endRieul
	endConsonant
)

// koLatinEnds are how Latin words that end wallet and card names read in
// Korean ("Kakao Pay" 카카오페이, "Touch 'n Go eWallet" … 이월렛).
var koLatinEnds = map[string]int{
	"pay": endVowel, "alipayhk": endVowel, "hk": endVowel, "gcash": endVowel, "cash": endVowel,
	"dana": endVowel, "money": endVowel, "truemoney": endVowel, "ewallet": endConsonant, "wallet": endConsonant,
	"alipay": endVowel, "visa": endVowel, "mastercard": endVowel, "card": endVowel, "amex": endVowel,
	"jcb": endVowel, "discover": endVowel, "diners": endVowel, "unionpay": endVowel, "go": endVowel,
}

// koLetterEnds are the readings' final sounds of letter names (an
// acronym's last letter: "HK" 에이치케이).
var koLetterEnds = map[rune]int{'L': endRieul, 'M': endConsonant, 'N': endConsonant, 'R': endRieul}

// koDigitEnds are the final sounds of a number's last digit read in
// Sino-Korean (영 일 이 삼 사 오 육 칠 팔 구); a number ending in zeros
// ends in 십, 백, 천 or 만: a consonant.
var koDigitEnds = [10]int{endConsonant, endRieul, endVowel, endConsonant, endVowel, endVowel, endConsonant, endRieul, endRieul, endVowel}

// koEnding is the final sound of name's Korean reading, endUnknown when
// it cannot be told.
func koEnding(name string) int {
	name = strings.TrimRightFunc(name, unicode.IsSpace)
	r, _ := utf8.DecodeLastRuneInString(name)
	switch {
	case r >= 0xAC00 && r <= 0xD7A3:
		switch (r - 0xAC00) % 28 {
		case 0:
			return endVowel
		case 8:
			return endRieul
		}
		return endConsonant
	case r >= '0' && r <= '9':
		i := len(name)
		for i > 0 && name[i-1] >= '0' && name[i-1] <= '9' {
			i--
		}
		run := name[i:]
		if zeros := len(run) - len(strings.TrimRight(run, "0")); zeros > 0 && zeros < len(run) {
			return endConsonant // 십, 백, 천, 만
		}
		return koDigitEnds[run[len(run)-1]-'0']
	case r < utf8.RuneSelf && unicode.IsLetter(r):
		i := strings.LastIndexFunc(name, func(r rune) bool { return !unicode.IsLetter(r) })
		word := name[i+1:]
		if end, ok := koLatinEnds[strings.ToLower(word)]; ok {
			return end
		}
		if strings.ToUpper(word) == word { // an acronym: its last letter's name
			if end, ok := koLetterEnds[r]; ok {
				return end
			}
			return endVowel
		}
	}
	return endUnknown
}

// koPick returns p's form after a reading ending in end, and false when
// the end is unknown.
func koPick(p koParticle, end int) (string, bool) {
	switch {
	case end == endUnknown:
		return "", false
	case end == endVowel, end == endRieul && p.rieulAsVowel:
		return p.vowel, true
	}
	return p.consonant, true
}

// koResolve picks the particles that follow the names among data in s.
func koResolve(s string, data Args) string {
	for _, k := range nameArgs {
		if name, ok := data[k].(string); ok && name != "" {
			s = koAfter(s, name, name)
		}
	}
	return s
}

// koAfter picks the particles right after at in s by name's reading.
func koAfter(s, at, name string) string {
	if !strings.Contains(s, "(") {
		return s
	}
	end := koEnding(name)
	for _, p := range koParticles {
		if form, ok := koPick(p, end); ok {
			s = strings.ReplaceAll(s, at+p.both, at+form)
		}
	}
	return s
}

// NameParticles returns s with the particles right after at (a stand-in
// for name: markup the page puts there) fitted to name, in Korean; in
// other languages, and when name's reading is unknown, s as it is.
func (l *Localizer) NameParticles(s, at, name string) string {
	if l.lang.Code != "ko" {
		return s
	}
	return koAfter(s, at, name)
}
