package checkout

import "unicode"

// staffPasswordHalves is p's length as the staff password's length rule
// counts it, in half characters: a character of a large script (wideChar)
// counts three halves, any other two. MinStaffPassword characters of
// Latin letters, digits and signs are enough, and so are
// MinStaffPasswordWide Chinese characters or Korean syllables, or a mix
// worth as much ("비밀번호 2026" is 4 × 1½ + 5 = 11: too short).
//
// Why 1½: what a length stands for is the guessing work of the
// characters, and that grows with the repertoire a character is drawn
// from. A character typed on a Latin keyboard is one of 95 (6.6 bits);
// one of the Chinese characters in everyday use is one of some 3,500
// (GB 2312's first level 3,755, Taiwan's common list 4,808, Japan's
// jōyō kanji 2,136: 11 to 12 bits), a Korean syllable one of the 2,350
// of KS X 1001 (11.2 bits). That is 1.7 to 1.8 times a Latin character;
// 1½ stays below it, for a phrase's characters are not drawn at random
// (nor are a Latin phrase's, which the rule holds to 12 all the same),
// so an honest 8-character Chinese or Korean phrase is taken while 7 are
// not. Scripts whose everyday repertoire is no larger than Latin's count
// as Latin: kana (46 of each, about 70 with their voiced forms), Thai
// (44 consonants and some 30 vowel and tone marks, each a character),
// Korean jamo typed apart (ㄱ, ㅏ: 40), Cyrillic, Greek, Arabic.
//
// The entropy rule (minStaffEntropy) and guessablePassword apply to a
// wide password as to any: "中文中文中文中文" and "가가가가가가가가" are
// long enough and still refused.
func staffPasswordHalves(p string) int {
	n := 0
	for _, r := range p {
		if wideChar(r) {
			n += 3
		} else {
			n += 2
		}
	}
	return n
}

// wideChar says whether r is of a large script: a Han character (Chinese,
// Japanese kanji, Korean hanja) or a precomposed Hangul syllable
// (U+AC00–U+D7A3; the jamo a syllable is built of are not).
func wideChar(r rune) bool {
	return unicode.Is(unicode.Han, r) || (r >= 0xAC00 && r <= 0xD7A3)
}
