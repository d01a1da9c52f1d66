package checkout

import (
	"slices"
	"testing"
	"time"

	"antom-checkout/antom/sandbox"
)

// My orders' line of an order says its refunds still under way as its
// result page does (Result.Refunding and RefundConfirming, by the one
// rule: db.Refund.Unconfirmed): "$12.91 · Paid" alone beside "A refund
// of $12.91 is on its way to you" on the result page read as if nothing
// were coming back (trial). A refund Antom accepted is on its way; one
// whose answer did not come is being confirmed, not on its way.
func TestMyOrdersSayRefundsUnderWay(t *testing.T) {
	e := newEnv(t, Options{})
	e.sb.SetRefundDelay(time.Hour) // accepted refunds stay processing
	o, _ := paidOrder(t, e, "under.way@example.com")
	v := Viewer{BuyerID: o.BuyerID}
	line := func(what string) MyOrder {
		t.Helper()
		orders, _, err := e.svc.MyOrders(e.ctx, v)
		check(t, err)
		i := slices.IndexFunc(orders, func(m MyOrder) bool { return m.Ref == o.Ref })
		if i < 0 {
			t.Fatalf("%s: %s is not among My orders", what, o.Ref)
		}
		r := e.result(v, o.Ref)
		assertDeep(t, []any{orders[i].Refunding.Minor, orders[i].RefundConfirming.Minor}, []any{r.Refunding.Minor, r.RefundConfirming.Minor},
			what+": My orders' line, as the result page says")
		return orders[i]
	}
	if m := line("no refund"); m.Refunding.Minor != 0 || m.RefundConfirming.Minor != 0 {
		t.Fatalf("no refund: %v on its way, %v being confirmed", m.Refunding, m.RefundConfirming)
	}
	_, err := e.refund(o.Ref, "10")
	check(t, err)
	m := line("a refund on its way")
	assertEqual(t, m.Refunding.String(), "$10.00", "a refund on its way")
	assertEqual(t, m.RefundConfirming.Minor, int64(0), "a refund on its way: none being confirmed")
	assertEqual(t, m.State, ResultPaid, "a refund on its way: state")

	e.sb.Faults().SetAPI("payments/refund", sandbox.APIFault{UnknownNext: refundTries})
	_, err = e.refund(o.Ref, "5")
	check(t, err)
	m = line("and one being confirmed")
	assertEqual(t, m.Refunding.String()+" "+m.RefundConfirming.String(), "$10.00 $5.00", "and one being confirmed")
}
