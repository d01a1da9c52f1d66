package checkout

import "regexp"

// digitRun is a run of 13 to 19 digits, single spaces or hyphens allowed
// between them ("4111 1111 1111 1111", "4111-1111-1111-1111"), with no
// digit right before or after it: a card number's length (ISO/IEC 7812).
// A longer run (an Antom paymentId's 30-odd digits) is not one.
var digitRun = regexp.MustCompile(`(?:^|[^0-9])((?:[0-9][ -]?){12,18}[0-9])(?:[^0-9]|$)`)

// holdsCardNumber reports whether s, free text staff type (a refund's
// reason, a note), holds what reads as a card number: a run of digitRun
// whose digits pass the Luhn check every card number passes. Such text
// is refused (plainLine): a reason is kept, shown on the order's page,
// carried in the confirmation's address and sent to Antom, and a note is
// kept and shown — places a card number must never be.
func holdsCardNumber(s string) bool {
	for _, m := range digitRun.FindAllStringSubmatchIndex(s, -1) {
		if luhn(s[m[2]:m[3]]) {
			return true
		}
	}
	return false
}

// luhn reports whether the digits of s (other characters skipped) pass
// the Luhn check.
func luhn(s string) bool {
	sum, double := 0, false
	for i := len(s) - 1; i >= 0; i-- {
		c := s[i]
		if c < '0' || c > '9' {
			continue
		}
		d := int(c - '0')
		if double {
			if d *= 2; d > 9 {
				d -= 9
			}
		}
		sum += d
		double = !double
	}
	return sum%10 == 0
}
