package checkout

import (
	"testing"

	"antom-checkout/antom/sandbox"
	"antom-checkout/db"
)

// A refund of the whole payment whose answer did not come is being
// confirmed (RefundConfirmingAll), not on its way (RefundingAll); one
// Antom refused leaves all of it owed (RefundOwedAll): either way the
// order stays paid, and its page no longer thanks the buyer for the
// order as if nothing were happening (trial: "Thank you for your order"
// above "A refund of ¥2,400 is being confirmed").
func TestResultRefundOfTheWholePaymentConfirmingOrOwed(t *testing.T) {
	e := newEnv(t, Options{})
	for _, c := range []struct {
		name                string
		fault               func()
		status              string
		confirming, owedAll bool
	}{
		{"no answer", func() { e.sb.Faults().SetAPI("payments/refund", sandbox.APIFault{UnknownNext: refundTries}) }, db.RefundProcessing, true, false},
		{"refused", e.failNextRefund, db.RefundFail, false, true},
	} {
		o, _ := paidOrder(t, e, "whole."+c.status+"@example.com") // $37.00
		v := Viewer{BuyerID: o.BuyerID}
		c.fault()
		f, err := e.refund(o.Ref, "37")
		check(t, err)
		assertEqual(t, f.Status, c.status, c.name+": the refund")
		r := e.result(v, o.Ref)
		assertEqual(t, r.State, ResultPaid, c.name+": state")
		assertDeep(t, []bool{r.RefundingAll(), r.RefundConfirmingAll(), r.RefundOwedAll()}, []bool{false, c.confirming, c.owedAll},
			c.name+": RefundingAll, RefundConfirmingAll, RefundOwedAll")
	}
}

// RefundConfirmingAll and RefundOwedAll by the money alone: all of what
// was charged going back with some of it not confirmed yet, or owed by
// failed refunds; part of it leaves the order's paid headline, as does
// any refund made (the order is then (partially) refunded).
func TestRefundConfirmingAllAndOwedAllRules(t *testing.T) {
	usd := func(minor int64) Money { return Money{"USD", minor} }
	for _, c := range []struct {
		name                string
		r                   Result
		confirming, owedAll bool
	}{
		{"all being confirmed", Result{State: ResultPaid, Charged: usd(1200), RefundConfirming: usd(1200)}, true, false},
		{"part on its way, the rest being confirmed", Result{State: ResultPaid, Charged: usd(1200), Refunding: usd(700), RefundConfirming: usd(500)}, true, false},
		{"all on its way", Result{State: ResultPaid, Charged: usd(1200), Refunding: usd(1200)}, false, false},
		{"part being confirmed", Result{State: ResultPaid, Charged: usd(1200), RefundConfirming: usd(500)}, false, false},
		{"all owed", Result{State: ResultPaid, Charged: usd(1200), RefundFailed: usd(1200), RefundFailures: 1}, false, true},
		{"part owed", Result{State: ResultPaid, Charged: usd(1200), RefundFailed: usd(500), RefundFailures: 1}, false, false},
		{"part made, the rest being confirmed", Result{State: ResultPartiallyRefunded, Charged: usd(1200), Refunded: usd(500), RefundConfirming: usd(700)}, false, false},
		{"part made, the rest owed", Result{State: ResultPartiallyRefunded, Charged: usd(1200), Refunded: usd(500), RefundFailed: usd(700)}, false, false},
		{"nothing charged", Result{State: ResultPaid}, false, false},
	} {
		if got := []bool{c.r.RefundConfirmingAll(), c.r.RefundOwedAll()}; got[0] != c.confirming || got[1] != c.owedAll {
			t.Errorf("%s: RefundConfirmingAll, RefundOwedAll %v, want %v %v", c.name, got, c.confirming, c.owedAll)
		}
	}
}
