package checkout

import "testing"

// TestPaidStateCombinations walks paidState over none, part and all of a
// $12.00 payment refunded through Antom × none, part and the rest (or
// all) settled another way: once the two together gave all of it back,
// the order is refunded, whatever part went back another way; a refund
// through Antom decides over a settlement.
func TestPaidStateCombinations(t *testing.T) {
	const paid = 1200
	for _, c := range []struct {
		name              string
		refunded, handled int64
		want              string
	}{
		{"nothing back", 0, 0, ResultPaid},
		{"part settled", 0, 300, ResultPartlySettled},
		{"all settled", 0, 1200, ResultSettled},
		{"part refunded", 900, 0, ResultPartiallyRefunded},
		{"part refunded, part settled", 500, 300, ResultPartiallyRefunded},
		{"part refunded, the rest settled", 900, 300, ResultRefunded},
		{"part refunded, more than the rest settled", 900, 1200, ResultRefunded},
		{"all refunded", 1200, 0, ResultRefunded},
		{"all refunded, part settled too", 1200, 300, ResultRefunded},
		{"all refunded, all settled too", 1200, 1200, ResultRefunded},
	} {
		t.Run(c.name, func(t *testing.T) {
			assertEqual(t, paidState(ResultPaid, paid, c.refunded, c.handled), c.want, "paid state")
		})
	}
	// Not paid: the refunds do not matter.
	assertEqual(t, paidState(ResultAuthorized, paid, 900, 300), ResultAuthorized, "authorized")
}
