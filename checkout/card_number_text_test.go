package checkout

import (
	"strings"
	"testing"
)

// Staff text holding a card number is refused, with the field's words;
// digits that are not one (too short, too long, failing the Luhn check,
// an Antom paymentId, a date, an amount) are not.
func TestStaffTextRefusesACardNumber(t *testing.T) {
	for _, s := range []string{
		"card 4111111111111111",
		"damaged mug, card 4111 1111 1111 1111 please refund",
		"4111-1111-1111-1111",
		"5555555555554444.",
		"amex 378282246310005",
		"(6011111111111117)",
		"4111 1111 1111 1111 12/30",
		"4111111111111111 123",
		"qty 2 4111111111111111",
		"1234567890123 4111111111111111",
		"amex 3782 822463 10005",
		"call 62 812 3456 7899 or card 4111-1111-1111-1111",
	} {
		if msg := plainLine(s, "the reason"); !strings.HasPrefix(msg, "No card numbers, please: the reason holds") {
			t.Errorf("%q: %q, want it refused as a card number", s, msg)
		}
	}
	for _, s := range []string{
		"customer returned the item",
		"card ending 1111",
		"4111111111111112",                    // fails Luhn
		"411111111111",                        // 12 digits
		"20261207194010800100188800000011",    // a paymentId's 32 digits
		"order 2026-12-07, refund ¥1,000,000", // dates and amounts
		"RF-ORD-20261207-JHCCEMS72W-PJPTSW3L",
		"call +62 812 3456 7899",              // a phone number (its 13 digits pass Luhn)
		"stay 2026-12-01 2026-12-03",          // dates (their 16 digits pass Luhn)
		"qty 12 7 300 4 18 9 1 2",             // quantities
		"20261207194010800100188800000011 12", // a paymentId, then a quantity
	} {
		if msg := plainLine(s, "the reason"); msg != "" {
			t.Errorf("%q: refused (%q)", s, msg)
		}
	}
}
