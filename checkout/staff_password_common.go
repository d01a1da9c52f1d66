package checkout

import (
	"slices"
	"strings"
	"unicode"
)

// commonPasswordWords are passwords people choose first, which a staff
// password must not be with only digits, signs and letters swapped for
// look-alikes around it ("Password1234!", "P@ssw0rd2024",
// "iloveyou2026!!"): the entropy check (minStaffEntropy) counts such a
// password's characters, not how often it is tried first.
var commonPasswordWords = []string{
	"password", "passwort", "qwerty", "qwertz", "azerty", "iloveyou", "letmein", "welcome", "admin",
	"administrator", "changeme", "secret", "monkey", "dragon", "master", "sunshine", "princess",
	"football", "baseball", "superman", "trustno", "login", "default", "shop", "antom", "alipay",
}

// passwordLookAlikes undo the usual swaps of letters for digits and
// signs ("p@ssw0rd" is "password").
var passwordLookAlikes = strings.NewReplacer("@", "a", "4", "a", "0", "o", "3", "e", "1", "i", "!", "i", "$", "s", "5", "s", "7", "t")

// commonStaffPassword reports whether p is a common password
// (commonPasswordWords) dressed up: case folded, digits and signs around
// it left out, look-alikes undone; or one short phrase typed again and
// again ("abcabcabcabc", "中文密码中文密码中文密码"), which is as easy to
// guess as the phrase.
func commonStaffPassword(p string) bool {
	core := strings.TrimFunc(strings.ToLower(p), func(r rune) bool { return !unicode.IsLetter(r) })
	if slices.Contains(commonPasswordWords, passwordLookAlikes.Replace(core)) {
		return true
	}
	return repeatedPhrase(p)
}

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
