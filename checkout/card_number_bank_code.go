package checkout

import (
	"regexp"
	"strings"
)

// bankCode is what may be an IBAN (ISO 13616: a country's two letters,
// two check digits, up to 30 letters and digits, printed in fours) or a
// creditor reference (ISO 11649: "RF", two check digits, up to 21):
// checked by validBankCode.
var bankCode = regexp.MustCompile(`\b[A-Z]{2}[0-9]{2}(?: ?[A-Z0-9]{4})*(?: ?[A-Z0-9]{1,4})?`)

// withoutBankCodes is s with each IBAN and creditor reference in it that
// its check digits confirm (mod 97) put out of the card-number guard's
// reach: an IBAN's digits in fours read as a card's 4-4-4-4 one time in
// ten ("DE08 3704 0044 0532 0131 00"). Digits glued to letters that are
// no such code ("Visa4111111111111111") are read as any others. A code
// printed with a word in capitals after it ("… 00 OK") is tried without
// its last groups, one at a time.
func withoutBankCodes(s string) string {
	return bankCode.ReplaceAllStringFunc(s, func(m string) string {
		groups := strings.Split(m, " ")
		for k := len(groups); k > 0; k-- {
			code := strings.Join(groups[:k], " ")
			if validBankCode(strings.ReplaceAll(code, " ", "")) {
				return strings.Repeat("#", len(code)) + m[len(code):]
			}
		}
		return m
	})
}

// validBankCode reports whether code (capitals and digits, no spaces),
// an IBAN or a creditor reference, has check digits that confirm it: its
// first four characters moved to its end, each letter read as 10 to 35,
// the number is 1 modulo 97 (ISO 7064 MOD 97-10).
func validBankCode(code string) bool {
	if len(code) < 5 || len(code) > 34 {
		return false
	}
	rem := 0
	for _, r := range code[4:] + code[:4] {
		switch {
		case r >= '0' && r <= '9':
			rem = (rem*10 + int(r-'0')) % 97
		case r >= 'A' && r <= 'Z':
			rem = (rem*100 + int(r-'A'+10)) % 97
		default:
			return false
		}
	}
	return rem == 1
}
