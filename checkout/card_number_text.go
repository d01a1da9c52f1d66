package checkout

import (
	"regexp"
	"slices"
	"strings"

	"antom-checkout/internal/luhn"
)

// digitRun is a run of digit groups joined by single spaces or hyphens
// ("4111 1111 1111 1111 12/30" holds the run "4111 1111 1111 1111 12"),
// with the "+" a phone number opens with, if any, kept on it
// ("+62 812 3456 7890").
var digitRun = regexp.MustCompile(`\+?[0-9]+(?:[ -][0-9]+)*`)

// groupSep splits a run of digitRun into its groups.
var groupSep = regexp.MustCompile(`[ -]`)

// cardLayouts are the groups a card number is written in (ISO/IEC 7812:
// 13 to 19 digits): 4-4-4-4 (Visa, Mastercard, Discover, JCB, UnionPay),
// with 1 to 3 digits more for the longer ones, 4-6-5 (American Express)
// and 4-6-4 (Diners Club). A number written whole is one group of 13 to
// 19 digits (cardWhole).
var cardLayouts = [][]int{{4, 4, 4, 4}, {4, 4, 4, 4, 1}, {4, 4, 4, 4, 2}, {4, 4, 4, 4, 3}, {4, 6, 5}, {4, 6, 4}}

// cardWhole reports a group of a card number's length, written whole.
func cardWhole(g string) bool { return len(g) >= 13 && len(g) <= 19 }

// holdsCardNumber reports whether s, free text staff type (a refund's
// reason, a note), holds what reads as a card number that passes the
// Luhn check every card number passes: a group of 13 to 19 digits, or
// groups in a row laid out as cards are written (cardLayouts), wherever
// they stand in a run of digits — digits around it (a quantity before, an
// expiry or CVC after: "4111 1111 1111 1111 12/30") do not hide it. Other
// runs are not read as one: dates ("2026-12-01 2026-12-03") and a few
// quantities in a row pass the Luhn check one time in ten by chance. A
// run opened by "+" is a phone number. Such text is refused (plainLine):
// a reason is kept, shown on the order's page, carried in the
// confirmation's address and sent to Antom, and a note is kept and shown
// — places a card number must never be.
func holdsCardNumber(s string) bool {
	for _, run := range digitRun.FindAllString(s, -1) {
		if strings.HasPrefix(run, "+") {
			continue
		}
		groups := groupSep.Split(run, -1)
		for i, g := range groups {
			if cardWhole(g) && luhn.Valid(g) {
				return true
			}
			for _, layout := range cardLayouts {
				if i+len(layout) <= len(groups) && slices.Equal(lengths(groups[i:i+len(layout)]), layout) &&
					luhn.Valid(strings.Join(groups[i:i+len(layout)], "")) {
					return true
				}
			}
		}
	}
	return false
}

// lengths are the lengths of groups.
func lengths(groups []string) []int {
	n := make([]int, len(groups))
	for i, g := range groups {
		n[i] = len(g)
	}
	return n
}
