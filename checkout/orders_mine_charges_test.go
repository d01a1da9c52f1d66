package checkout

import (
	"slices"
	"testing"

	"antom-checkout/antom"
	"antom-checkout/db"
)

// My orders says what an order's receipt says was charged, by the one
// rule (chargesOf, Result.Charges): an authorization captured in part
// and then refunded in full was charged part of its total and all of
// that refunded — not "¥500 charged of ¥5,800" alone beside Refunded,
// as it read while the receipt said ¥0 in the end (trial); captured in
// part or whole and refunded in part, what was charged and what went
// back. An order captured whole with nothing back says its total.
func TestMyOrdersSayTheReceiptsCharges(t *testing.T) {
	e := newEnv(t, Options{CaptureMode: antom.CaptureManual})
	b := e.buyer("charges@example.com")
	v := Viewer{BuyerID: b.ID}
	jpy := func(n int64) Money { return Money{"JPY", n} }
	for _, c := range []struct {
		name     string
		captured int64
		refund   string // in yen, as typed; "" for none
		state    string
		want     Charges
	}{
		{"captured in part, all refunded", 500, "500", ResultRefunded, Charges{jpy(500), jpy(500), jpy(0), jpy(0)}},
		{"captured in part, part refunded", 2000, "500", ResultPartiallyRefunded, Charges{jpy(2000), jpy(500), jpy(0), jpy(1500)}},
		{"captured in part", 500, "", ResultPaid, Charges{jpy(500), jpy(0), jpy(0), jpy(500)}},
		{"captured whole, part refunded", 5800, "800", ResultPartiallyRefunded, Charges{jpy(5800), jpy(800), jpy(0), jpy(5000)}},
		{"captured whole", 5800, "", ResultPaid, Charges{}},
	} {
		o := e.order(b, "teapot", 1)
		_, paymentID := e.startCard(v, o.Ref, false, 0)
		check(t, e.sb.PayCard(e.ctx, paymentID, "4242424242424242"))
		e.waitOrder(b, o.Ref, db.OrderAuthorized)
		check(t, e.svc.Capture(e.ctx, staffActor, o.Ref, c.captured))
		if c.refund != "" {
			r, err := e.refund(o.Ref, c.refund)
			check(t, err)
			assertEqual(t, r.Status, RefundSuccess, c.name+": the refund")
		}
		assertEqual(t, e.myOrdersState(v, o.Ref), c.state, c.name+": state") // and My orders' charges are the receipt's
		mine, _, err := e.svc.MyOrders(e.ctx, v)
		check(t, err)
		i := slices.IndexFunc(mine, func(m MyOrder) bool { return m.Ref == o.Ref })
		if i < 0 {
			t.Fatalf("%s: %s is not among My orders", c.name, o.Ref)
		}
		assertEqual(t, mine[i].Charges, c.want, c.name+": My orders' charges")
	}
}

// My orders' line of an order says what failed refunds still owe its
// buyer, as its receipt says it (Result.RefundFailed and RefundFailures,
// by the one rule: failedOwed): one failure, two, and none once a later
// refund made them good.
func TestMyOrdersSayWhatFailedRefundsOwe(t *testing.T) {
	e := newEnv(t, Options{})
	o, _ := paidOrder(t, e, "owed@example.com")
	v := Viewer{BuyerID: o.BuyerID}
	mine := func(what string) MyOrder {
		t.Helper()
		orders, _, err := e.svc.MyOrders(e.ctx, v)
		check(t, err)
		i := slices.IndexFunc(orders, func(m MyOrder) bool { return m.Ref == o.Ref })
		if i < 0 {
			t.Fatalf("%s: %s is not among My orders", what, o.Ref)
		}
		r := e.result(v, o.Ref)
		assertDeep(t, []any{orders[i].RefundFailed, orders[i].RefundFailures}, []any{r.RefundFailed, r.RefundFailures}, what+": My orders' line, as the receipt says")
		return orders[i]
	}
	assertDeep(t, []any{mine("nothing failed").RefundFailed.Minor, mine("nothing failed").RefundFailures}, []any{int64(0), 0}, "nothing failed")
	for i, amount := range []string{"4", "3"} {
		e.failNextRefund()
		r, err := e.refund(o.Ref, amount)
		check(t, err)
		assertEqual(t, r.Status, RefundFail, "the refund that fails")
		m := mine(amount + " failed")
		assertDeep(t, []any{m.RefundFailed, m.RefundFailures}, [][]any{{Money{"USD", 400}, 1}, {Money{"USD", 700}, 2}}[i], "owed")
	}
	r, err := e.refund(o.Ref, "7")
	check(t, err)
	assertEqual(t, r.Status, RefundSuccess, "the refund that makes them good")
	m := mine("made good")
	assertDeep(t, []any{m.RefundFailed.Minor, m.RefundFailures}, []any{int64(0), 0}, "owed once made good")
}
