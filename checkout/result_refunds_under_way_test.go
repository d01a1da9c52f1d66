package checkout

import (
	"testing"
	"time"
)

// Two staff refunds Antom accepted and has not made yet are two refunds
// on their way, not one of their sum: the buyer sees $2 and then $3
// arrive, never $5. The result counts them beside the sum (the page says
// "2 refunds, $5.00 in all"), and its Key changes with the count.
func TestResultCountsRefundsUnderWay(t *testing.T) {
	e := newEnv(t, Options{})
	e.sb.SetRefundDelay(time.Hour) // the sandbox's refund delay: they stay processing
	o, _ := paidOrder(t, e, "two.refunds@example.com")
	row, err := e.db.OrderByRef(e.ctx, o.Ref)
	check(t, err)
	v := Viewer{BuyerID: row.BuyerID}

	_, err = e.refund(o.Ref, "2")
	check(t, err)
	r := e.result(v, o.Ref)
	assertEqual(t, r.Refunding.String(), "$2.00", "one refund on its way")
	assertEqual(t, r.RefundsOnWay, 1, "refunds on their way")
	one := r.Key()

	_, err = e.refund(o.Ref, "3")
	check(t, err)
	r = e.result(v, o.Ref)
	assertEqual(t, r.Refunding.String(), "$5.00", "two refunds on their way")
	assertEqual(t, r.RefundsOnWay, 2, "refunds on their way")
	assertEqual(t, r.RefundsConfirming, 0, "refunds not confirmed yet")
	if r.Key() == one {
		t.Fatalf("key unchanged by a second refund: %s", one)
	}
}
