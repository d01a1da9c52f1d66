package checkout

import (
	"testing"
	"time"
)

// A paid order whose refunds on their way give back all of its payment
// says so (WholeRefundHead) — by wallet here, by card alike (the rule reads
// only the money); a refund of part of it leaves it paid; a refund made
// makes it refunded, no longer "on its way".
func TestResultRefundingAllOnlyForTheWholePayment(t *testing.T) {
	e := newEnv(t, Options{})
	e.sb.SetRefundDelay(time.Hour)                       // the refunds stay on their way
	o, _ := paidOrder(t, e, "refunding.all@example.com") // $37.00
	row, err := e.db.OrderByRef(e.ctx, o.Ref)
	check(t, err)
	v := Viewer{BuyerID: row.BuyerID}

	if r := e.result(v, o.Ref); r.WholeRefundHead() != "" {
		t.Fatalf("paid, no refund: headline %q", r.WholeRefundHead())
	}
	_, err = e.refund(o.Ref, "30")
	check(t, err)
	if r := e.result(v, o.Ref); r.State != ResultPaid || r.WholeRefundHead() != "" {
		t.Fatalf("$30.00 of $37.00 on its way: %s, headline %q", r.State, r.WholeRefundHead())
	}
	_, err = e.refund(o.Ref, "7")
	check(t, err)
	if r := e.result(v, o.Ref); r.State != ResultPaid || r.WholeRefundHead() != "result.head_paid_refunding" {
		t.Fatalf("all $37.00 on its way, in two refunds: %s, headline %q", r.State, r.WholeRefundHead())
	}
}
