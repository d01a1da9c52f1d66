package checkout

import (
	"testing"
	"time"
)

// A paid order whose refunds on their way give back all of its payment
// says so (RefundingAll) — by wallet here, by card alike (the rule reads
// only the money); a refund of part of it leaves it paid; a refund made
// makes it refunded, no longer "on its way".
func TestResultRefundingAllOnlyForTheWholePayment(t *testing.T) {
	e := newEnv(t, Options{})
	e.sb.SetRefundDelay(time.Hour)                       // the refunds stay on their way
	o, _ := paidOrder(t, e, "refunding.all@example.com") // $37.00
	row, err := e.db.OrderByRef(e.ctx, o.Ref)
	check(t, err)
	v := Viewer{BuyerID: row.BuyerID}

	if r := e.result(v, o.Ref); r.RefundingAll() {
		t.Fatalf("paid, no refund: RefundingAll")
	}
	_, err = e.refund(o.Ref, "30")
	check(t, err)
	if r := e.result(v, o.Ref); r.State != ResultPaid || r.RefundingAll() {
		t.Fatalf("$30.00 of $37.00 on its way: %s, RefundingAll %v", r.State, r.RefundingAll())
	}
	_, err = e.refund(o.Ref, "7")
	check(t, err)
	if r := e.result(v, o.Ref); r.State != ResultPaid || !r.RefundingAll() {
		t.Fatalf("all $37.00 on its way, in two refunds: %s, RefundingAll %v", r.State, r.RefundingAll())
	}
}

// RefundingAll by the money alone, in each state a paid order takes.
func TestRefundingAllRule(t *testing.T) {
	usd := func(minor int64) Money { return Money{"USD", minor} }
	for _, c := range []struct {
		name string
		r    Result
		want bool
	}{
		{"all on its way", Result{State: ResultPaid, Charged: usd(1200), Refunding: usd(1200)}, true},
		{"part on its way", Result{State: ResultPaid, Charged: usd(1200), Refunding: usd(500)}, false},
		{"being confirmed, not on its way", Result{State: ResultPaid, Charged: usd(1200), RefundConfirming: usd(1200)}, false},
		{"part made, the rest on its way", Result{State: ResultPartiallyRefunded, Charged: usd(1200), Refunded: usd(500), Refunding: usd(700)}, false},
		{"nothing charged", Result{State: ResultPaid}, false},
	} {
		if got := c.r.RefundingAll(); got != c.want {
			t.Errorf("%s: RefundingAll %v, want %v", c.name, got, c.want)
		}
	}
}
