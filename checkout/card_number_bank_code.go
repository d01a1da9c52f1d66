package checkout

import (
	"regexp"
	"strings"
)

// bankCode is what may be an IBAN (ISO 13616: a country's two letters,
// two check digits, then letters and digits, printed in fours, with
// spaces or hyphens, in either case) or a creditor reference (ISO 11649:
// "RF", two check digits, up to 21 more): checked by bankCodeIn.
var bankCode = regexp.MustCompile(`(?i)[A-Z]{2}[0-9]{2}(?:[ -]?[A-Z0-9]{4})*(?:[ -]?[A-Z0-9]{1,4})?`)

// ibanLengths are the IBAN registry's lengths by country (ISO 13616).
var ibanLengths = map[string]int{
	"AD": 24, "AE": 23, "AL": 28, "AT": 20, "AZ": 28, "BA": 20, "BE": 16, "BG": 22, "BH": 22, "BR": 29, "BY": 28,
	"CH": 21, "CR": 22, "CY": 28, "CZ": 24, "DE": 22, "DK": 18, "DO": 28, "EE": 20, "EG": 29, "ES": 24, "FI": 18,
	"FO": 18, "FR": 27, "GB": 22, "GE": 22, "GI": 23, "GL": 18, "GR": 27, "GT": 28, "HR": 21, "HU": 28, "IE": 22,
	"IL": 23, "IQ": 23, "IS": 26, "IT": 27, "JO": 30, "KW": 30, "KZ": 20, "LB": 28, "LC": 32, "LI": 21, "LT": 20,
	"LU": 20, "LV": 21, "LY": 25, "MC": 27, "MD": 24, "ME": 22, "MK": 19, "MR": 27, "MT": 31, "MU": 30, "NL": 18,
	"NO": 15, "PK": 24, "PL": 28, "PS": 29, "PT": 25, "QA": 29, "RO": 24, "RS": 22, "SA": 24, "SC": 31, "SE": 24,
	"SI": 19, "SK": 24, "SM": 27, "ST": 25, "SV": 28, "TL": 23, "TN": 24, "TR": 26, "UA": 29, "VA": 22, "VG": 24,
	"XK": 20,
}

// withoutBankCodes is s with each IBAN and creditor reference in it that
// its check digits confirm (mod 97) put out of the card-number guard's
// reach: an IBAN's digits in fours read as a card's 4-4-4-4 one time in
// ten ("DE08 3704 0044 0532 0131 00"). An IBAN is read to its country's
// length, whatever follows it; a creditor reference whole, less a word of
// letters after it. Digits glued to letters that are no such code
// ("Visa4111111111111111") are read as any others.
func withoutBankCodes(s string) string {
	return bankCode.ReplaceAllStringFunc(s, func(m string) string {
		if n := bankCodeIn(m); n > 0 {
			return strings.Repeat("#", n) + m[n:]
		}
		return m
	})
}

// bankCodeIn is how many bytes of m, bankCode's match, are a confirmed
// IBAN or creditor reference from its start; 0 for none.
func bankCodeIn(m string) int {
	country := strings.ToUpper(m[:2])
	want, iban := ibanLengths[country]
	if !iban && country != "RF" {
		return 0
	}
	var code strings.Builder
	for i, r := range m {
		if r == ' ' || r == '-' {
			continue
		}
		code.WriteRune(r)
		if iban && code.Len() == want {
			if validBankCode(strings.ToUpper(code.String())) {
				return i + 1
			}
			return 0
		}
	}
	if iban {
		return 0 // shorter than its country's IBAN
	}
	// A creditor reference: whole, or less a last group of letters ("OK").
	groups := strings.FieldsFunc(m, func(r rune) bool { return r == ' ' || r == '-' })
	for _, k := range []int{len(groups), len(groups) - 1} {
		if k < 1 || k < len(groups) && strings.ContainsAny(groups[k], "0123456789") {
			continue
		}
		whole := strings.ToUpper(strings.Join(groups[:k], ""))
		if validBankCode(whole) {
			return strings.Index(m, groups[k-1]) + len(groups[k-1])
		}
	}
	return 0
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
