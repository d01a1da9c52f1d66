package checkout

import (
	"testing"
	"time"

	"antom-checkout/antom/sandbox"
	"antom-checkout/db"
)

// A refund of the whole payment whose answer did not come is being
// confirmed, not on its way; one Antom refused leaves all of it owed:
// either way the order stays paid, and its page no longer thanks the
// buyer for the order as if nothing were happening (trial: "Thank you
// for your order" above "A refund of ¥2,400 is being confirmed").
func TestResultRefundOfTheWholePaymentConfirmingOrOwed(t *testing.T) {
	e := newEnv(t, Options{})
	for _, c := range []struct {
		name   string
		fault  func()
		status string
		head   string
	}{
		{"no answer", func() { e.sb.Faults().SetAPI("payments/refund", sandbox.APIFault{UnknownNext: refundTries}) }, db.RefundProcessing, "result.head_paid_refund_confirming"},
		{"refused", e.failNextRefund, db.RefundFail, "result.head_paid_refund_owed"},
	} {
		o, _ := paidOrder(t, e, "whole."+c.status+"@example.com") // $37.00
		v := Viewer{BuyerID: o.BuyerID}
		c.fault()
		f, err := e.refund(o.Ref, "37")
		check(t, err)
		assertEqual(t, f.Status, c.status, c.name+": the refund")
		r := e.result(v, o.Ref)
		assertEqual(t, r.State, ResultPaid, c.name+": state")
		assertEqual(t, r.WholeRefundHead(), c.head, c.name+": headline")
	}
}

// A whole payment refunded in two refunds, one of which failed, reads in
// both states at once: part on its way (or being confirmed) and the rest
// still owed — not "Thank you for your order" above the two notices
// (trial), nor either headline of one state, which says the whole is
// going back, or the whole owed.
func TestResultRefundOfTheWholePaymentPartOwed(t *testing.T) {
	e := newEnv(t, Options{})
	e.sb.SetRefundDelay(time.Hour) // the refund accepted stays on its way
	for _, c := range []struct {
		name  string
		fault func()
		head  string
	}{
		{"on its way", func() {}, "result.head_paid_refund_on_way_owed"},
		{"no answer", func() { e.sb.Faults().SetAPI("payments/refund", sandbox.APIFault{UnknownNext: refundTries}) }, "result.head_paid_refund_confirming_owed"},
	} {
		o, _ := paidOrder(t, e, "part.owed."+c.head+"@example.com") // $37.00
		v := Viewer{BuyerID: o.BuyerID}
		c.fault()
		_, err := e.refund(o.Ref, "30")
		check(t, err)
		if r := e.result(v, o.Ref); r.WholeRefundHead() != "" {
			t.Fatalf("%s: $30.00 of $37.00 going back: headline %q", c.name, r.WholeRefundHead())
		}
		e.failNextRefund()
		f, err := e.refund(o.Ref, "7")
		check(t, err)
		assertEqual(t, f.Status, db.RefundFail, c.name+": the second refund")
		r := e.result(v, o.Ref)
		assertEqual(t, r.State, ResultPaid, c.name+": state")
		assertEqual(t, r.Refunding.Minor+r.RefundConfirming.Minor, int64(3000), c.name+": under way")
		assertEqual(t, r.RefundFailed.Minor, int64(700), c.name+": owed")
		assertEqual(t, r.WholeRefundHead(), c.head, c.name+": headline")
	}
}

// WholeRefundHead by the money alone: every row of wholeRefundHeads
// (each mix of on its way, being confirmed and owed that gives back the
// whole payment), and every mix that does not — part of it, any refund
// made (the order is then (partially) refunded), nothing charged —
// leaves the paid headline ("").
func TestWholeRefundHeadRules(t *testing.T) {
	usd := func(minor int64) Money { return Money{"USD", minor} }
	paid := func(onWay, confirming, owed int64) Result {
		return Result{State: ResultPaid, Charged: usd(1200), Refunding: usd(onWay), RefundConfirming: usd(confirming), RefundFailed: usd(owed)}
	}
	cases := []struct {
		name string
		r    Result
		want string
	}{
		{"all on its way", paid(1200, 0, 0), "result.head_paid_refunding"},
		{"all being confirmed", paid(0, 1200, 0), "result.head_paid_refund_confirming"},
		{"part on its way, the rest being confirmed", paid(700, 500, 0), "result.head_paid_refund_confirming"},
		{"all owed", paid(0, 0, 1200), "result.head_paid_refund_owed"},
		{"part on its way, the rest owed", paid(700, 0, 500), "result.head_paid_refund_on_way_owed"},
		{"part being confirmed, the rest owed", paid(0, 700, 500), "result.head_paid_refund_confirming_owed"},
		{"part on its way, part being confirmed, the rest owed", paid(400, 300, 500), "result.head_paid_refund_on_way_confirming_owed"},
		{"part on its way", paid(500, 0, 0), ""},
		{"part being confirmed", paid(0, 500, 0), ""},
		{"part owed", paid(0, 0, 500), ""},
		{"part on its way, part owed", paid(500, 0, 500), ""},
		{"part being confirmed, part owed", paid(0, 500, 500), ""},
		{"part of each", paid(300, 300, 300), ""},
		{"no refund", paid(0, 0, 0), ""},
		{"part made, the rest on its way", Result{State: ResultPartiallyRefunded, Charged: usd(1200), Refunded: usd(500), Refunding: usd(700)}, ""},
		{"part made, the rest being confirmed", Result{State: ResultPartiallyRefunded, Charged: usd(1200), Refunded: usd(500), RefundConfirming: usd(700)}, ""},
		{"part made, the rest owed", Result{State: ResultPartiallyRefunded, Charged: usd(1200), Refunded: usd(500), RefundFailed: usd(700)}, ""},
		{"nothing charged", Result{State: ResultPaid}, ""},
	}
	rows := map[refundParts]bool{}
	for _, c := range cases {
		got := c.r.WholeRefundHead()
		if got != c.want {
			t.Errorf("%s: WholeRefundHead %q, want %q", c.name, got, c.want)
		}
		if got != "" {
			rows[refundParts{onWay: c.r.Refunding.Minor > 0, confirming: c.r.RefundConfirming.Minor > 0, owed: c.r.RefundFailed.Minor > 0}] = true
		}
	}
	for parts, head := range wholeRefundHeads {
		if !rows[parts] {
			t.Errorf("no case reads the row %+v (%s)", parts, head)
		}
	}
	if len(wholeRefundHeads) != 7 {
		t.Errorf("wholeRefundHeads has %d rows; every mix of the three parts but none is a row (7)", len(wholeRefundHeads))
	}
}
