package lang

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// Korean writes a particle after a word in one of two forms, by the
// sound the word ends in: 을 after a final consonant (받침), 를 after a
// vowel. Its catalog writes both after an argument, "을(를)", as Korean
// software does where it cannot know the word; the Localizer then picks
// the one form wherever it knows how the word before is read
// (particlesAfter, soundBefore): an amount (Korean reads it with its
// currency's word last: "US$18.50" is 18.50달러, "₩15,000" 15,000원), a
// wallet or card brand, a number (an account's last digit), a code in
// capitals read letter by letter (JPY: 제이피와이), a Korean word. An
// e-mail address keeps both forms.

// particle is one Korean particle: its catalog form with both forms
// ("을(를)"), the one after a final consonant and the one after a vowel.
// rieulAsVowel: a final ㄹ takes the vowel's form ((으)로: 로).
type particle struct {
	both, consonant, vowel string
	rieulAsVowel           bool
}

// particles are, by language code, the particles its catalog writes in
// both forms (only Korean's).
var particles = map[string][]particle{
	"ko": {
		{both: "을(를)", consonant: "을", vowel: "를"},
		{both: "이(가)", consonant: "이", vowel: "가"},
		{both: "은(는)", consonant: "은", vowel: "는"},
		{both: "과(와)", consonant: "과", vowel: "와"},
		{both: "와(과)", consonant: "과", vowel: "와"},
		{both: "(으)로", consonant: "으로", vowel: "로", rieulAsVowel: true},
	},
}

// currencyWords are, by language code and ISO 4217 code, the word the
// language reads last in an amount of that currency: 달러 for every
// dollar (HK$ is 홍콩 달러), 원 for the won. Decimals are read before it
// ("18.50달러"). After an amount of a currency left out, both forms stay.
var currencyWords = map[string]map[string]string{
	"ko": {
		"USD": "달러", "HKD": "달러", "SGD": "달러", "EUR": "유로", "GBP": "파운드",
		"CNY": "위안", "JPY": "엔", "KRW": "원", "PHP": "페소", "IDR": "루피아",
		"MYR": "링깃", "THB": "바트",
	},
}

// nameReadings are, by language code, how it reads the wallet and card
// brands the buyer pages name, as they are written.
var nameReadings = map[string]map[string]string{
	"ko": {
		"Alipay": "알리페이", "AlipayHK": "알리페이에이치케이", "GCash": "지캐시", "DANA": "다나",
		"Kakao Pay": "카카오페이", "Touch 'n Go eWallet": "터치앤고이월렛", "TrueMoney": "트루머니",
		"Visa": "비자", "Mastercard": "마스터카드", "American Express": "아메리칸익스프레스",
		"JCB": "제이시비", "UnionPay": "유니온페이", "Discover": "디스커버",
	},
}

// digitSounds and letterSounds are the last syllables Korean reads for
// a digit (an account's "…123": 삼; 0, 영 or 공, ends in ㅇ either way)
// and for a capital letter of a code read letter by letter (JPY: 와이).
const (
	digitSounds  = "영일이삼사오육칠팔구"
	letterSounds = "이비씨디이프지치이이이엘엠엔오피큐알스티유이유스이트"
)

// particlesAfter puts, in s, the one form of each particle written in
// both whose word before it the Localizer knows how to read.
func (l *Localizer) particlesAfter(s string) string {
	return l.ParticlesAfter("", s)
}

// ParticlesAfter is s, said after the text before, with the one form of
// each particle written in both forms whose word before it the
// Localizer knows how to read — the first read from the end of before
// (a wallet's name and account put in a sentence's place for it, a
// particle written onto it: "GCash 0917****123" and "은(는)" → "은").
// In a language without particles, s as it is.
func (l *Localizer) ParticlesAfter(before, s string) string {
	forms := particles[l.lang.Code]
	if len(forms) == 0 || !strings.Contains(s, ")") {
		return s
	}
	var out strings.Builder
	for i := 0; i < len(s); {
		p, ok := particleAt(forms, s[i:])
		if !ok {
			_, size := utf8.DecodeRuneInString(s[i:])
			out.WriteString(s[i : i+size])
			i += size
			continue
		}
		if last := l.soundBefore(before + out.String()); last != 0 {
			out.WriteString(p.after(last))
		} else {
			out.WriteString(p.both)
		}
		i += len(p.both)
	}
	return out.String()
}

// particleAt is the particle written in both forms that s starts with.
func particleAt(forms []particle, s string) (particle, bool) {
	for _, p := range forms {
		if strings.HasPrefix(s, p.both) {
			return p, true
		}
	}
	return particle{}, false
}

// soundBefore is the last syllable the language reads for the end of
// text (0: unknown).
func (l *Localizer) soundBefore(text string) rune {
	code := l.lang.Code
	if digits := strings.TrimRight(text, "0123456789.,"); digits != text {
		for currency, word := range currencyWords[code] {
			if strings.HasSuffix(digits, l.symbol(currency)) {
				return lastRune(word)
			}
		}
		if r := lastRune(digits); r == '\u00a0' || unicode.Is(unicode.Sc, r) {
			return 0 // an amount of a currency whose word is not known
		}
	}
	for name, reading := range nameReadings[code] {
		if strings.HasSuffix(text, name) {
			return lastRune(reading)
		}
	}
	r := lastRune(text)
	switch {
	case isSyllable(r):
		return r
	case r >= '0' && r <= '9':
		return []rune(digitSounds)[r-'0']
	case r >= 'A' && r <= 'Z':
		code := strings.TrimRight(text, "ABCDEFGHIJKLMNOPQRSTUVWXYZ")
		if len(text)-len(code) >= 2 && !isLetter(lastRune(code)) {
			return []rune(letterSounds)[r-'A']
		}
	}
	return 0
}

// after is the particle's form after a word ending in syllable last (a
// Hangul syllable).
func (p particle) after(last rune) string {
	if !isSyllable(last) {
		return p.both
	}
	switch final := (last - 0xAC00) % 28; {
	case final == 0:
		return p.vowel
	case final == 8 && p.rieulAsVowel: // ㄹ
		return p.vowel
	default:
		return p.consonant
	}
}

// isSyllable reports whether r is a Hangul syllable (가 … 힣).
func isSyllable(r rune) bool { return r >= 0xAC00 && r <= 0xD7A3 }

// isLetter reports whether r is an ASCII letter.
func isLetter(r rune) bool { return r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' }

// lastRune is s's last rune (utf8.RuneError for none).
func lastRune(s string) rune {
	r, _ := utf8.DecodeLastRuneInString(s)
	return r
}
