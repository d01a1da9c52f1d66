package checkout

import (
	"regexp"
	"strings"

	"antom-checkout/internal/luhn"
)

// digitRun is a run of digit groups joined by single spaces or hyphens
// ("4111 1111 1111 1111 12/30" holds the run "4111 1111 1111 1111 12"),
// with no "+" right before it (a phone number: "+62 812 3456 7890").
var digitRun = regexp.MustCompile(`(?:^|[^+0-9])([0-9]+(?:[ -][0-9]+)*)`)

// groupSep splits a run of digitRun into its groups.
var groupSep = regexp.MustCompile(`[ -]`)

// holdsCardNumber reports whether s, free text staff type (a refund's
// reason, a note), holds what reads as a card number: 13 to 19 digits
// (ISO/IEC 7812) that pass the Luhn check every card number passes,
// written whole or in groups — any groups in a row of a run, so that
// digits written around it (a quantity before, an expiry or CVC after:
// "4111 1111 1111 1111 12/30") do not hide it. A group longer than 19
// digits (an Antom paymentId's 30-odd) is no card number, nor part of
// one. Such text is refused (plainLine): a reason is kept, shown on the
// order's page, carried in the confirmation's address and sent to Antom,
// and a note is kept and shown — places a card number must never be.
func holdsCardNumber(s string) bool {
	for _, m := range digitRun.FindAllStringSubmatch(s, -1) {
		groups := groupSep.Split(m[1], -1)
		for i := range groups {
			var digits strings.Builder
			for _, g := range groups[i:] {
				if len(g) > 19 {
					break
				}
				digits.WriteString(g)
				if n := digits.Len(); n > 19 {
					break
				} else if n >= 13 && luhn.Valid(digits.String()) {
					return true
				}
			}
		}
	}
	return false
}
