package checkout

import (
	"fmt"
	"testing"
	"time"

	"antom-checkout/antom/sandbox"
	"antom-checkout/db"
)

// earlierMayPay is said of an order no new payment of which may start
// only: one that may still be paid another way needs no such words, and
// one without a payment we closed still watched can no longer be paid.
func TestEarlierMayPayRule(t *testing.T) {
	for _, c := range []struct {
		why     Unpayable
		watched bool
		want    bool
	}{
		{"", false, false}, {"", true, false},
		{UnpayableAttemptsUsedUp, false, false}, {UnpayableAttemptsUsedUp, true, true},
		{UnpayableNotForSale, false, false}, {UnpayableNotForSale, true, true},
	} {
		assertEqual(t, earlierMayPay(c.why, c.watched), c.want, fmt.Sprintf("earlierMayPay(%q, %t)", c.why, c.watched))
	}
}

// usedUpBehind fills order ref's payment attempts up to AttemptsPerOrder
// with declined ones newer than those it has (Antom's FAIL, not ours).
func (e *env) usedUpBehind(ref string) {
	e.t.Helper()
	row, err := e.db.OrderByRef(e.ctx, ref)
	check(e.t, err)
	for i := e.orderAttempts(ref); i < AttemptsPerOrder; i++ {
		_, err := e.db.InsertAttempt(e.ctx, db.Attempt{OrderID: row.ID, PaymentRequestID: fmt.Sprintf("PR-%s-F%d", ref, i),
			Method: db.MethodWallet, Currency: row.Currency, Amount: row.Amount, Status: db.AttemptFail, CreatedAt: e.svc.now()})
		check(e.t, err)
	}
}

// An order whose attempts are used up while a payment of it we closed
// ourselves is still watched is not one that can no longer be paid: its
// result (the result page's read, the checkout page's and My orders')
// says an earlier payment may still pay it, the result page listens
// meanwhile and its key tells the two apart. When the reconciler ends the
// watch a day on, the order's pages are told (its subject published) and
// all three read it as one that can no longer be paid. A late success
// of such a payment does pay the order, attempts used up or not: the
// words are true.
func TestEarlierPaymentMayStillPayAnUnpayableOrder(t *testing.T) {
	e := newEnvScaled(t, Options{}, 1)
	b, wallet, _ := payer(t, e, "earlier@example.com")
	v := Viewer{BuyerID: b.ID}
	o, _ := e.closedByUs(b, wallet)
	says := func(when string, why Unpayable, earlier bool) Result {
		t.Helper()
		r, err := e.svc.OrderResult(e.ctx, v, o.Ref)
		check(t, err)
		c, err := e.svc.CheckoutResult(e.ctx, v, o.Ref)
		check(t, err)
		mine, _, err := e.svc.MyOrders(e.ctx, v)
		check(t, err)
		var m MyOrder
		for _, l := range mine {
			if l.Ref == o.Ref {
				m = l
			}
		}
		assertEqual(t, fmt.Sprint(r.Unpayable, c.Unpayable, m.Unpayable), fmt.Sprint(why, why, why), when+": why no new payment may start (result, checkout, My orders)")
		assertEqual(t, fmt.Sprint(r.EarlierMayPay, c.EarlierMayPay, m.EarlierMayPay), fmt.Sprint(earlier, earlier, earlier),
			when+": an earlier payment may still pay it (result, checkout, My orders)")
		return r
	}
	says("payable, its payment closed by us watched", "", false)
	e.usedUpBehind(o.Ref)
	r := says("attempts used up, the payment closed by us watched", UnpayableAttemptsUsedUp, true)
	assertEqual(t, r.Live(), true, "the result page listens")
	ended := r
	ended.EarlierMayPay, ended.Watched = false, false
	if r.Key() == ended.Key() {
		t.Fatalf("the key %q does not change when the watch ends", r.Key())
	}

	news, stop := e.svc.hub.Subscribe(OrderSubject(o.Ref))
	defer stop()
	e.sb.Faults().SetAPI("payments/inquiryPayment", sandbox.APIFault{NotFoundNext: 1000})
	e.later(lateWatch + time.Hour)
	check(t, e.svc.Reconcile(e.ctx))
	e.svc.Wait()
	select {
	case <-news:
	case <-time.After(5 * time.Second):
		t.Fatal("the watch's end was not published to the order's pages")
	}
	assertEqual(t, e.attempt(o.Ref).Status, db.AttemptFail, "the latest attempt")
	r = says("attempts used up, the watch over", UnpayableAttemptsUsedUp, false)
	assertEqual(t, r.Live(), false, "the result page no longer listens")
	assertEqual(t, r.Key(), ended.Key(), "the key once the watch ended")

	// Another such order: its earlier payment goes through after all.
	e.svc.now = time.Now
	paid, a := e.closedByUs(b, wallet)
	e.usedUpBehind(paid.Ref)
	o = paid
	says("another, watched", UnpayableAttemptsUsedUp, true)
	check(t, e.sb.SettlePayment(e.ctx, a.PaymentID, true))
	e.waitOrder(b, paid.Ref, db.OrderPaid)
	r, err := e.svc.OrderResult(e.ctx, v, paid.Ref)
	check(t, err)
	assertEqual(t, r.State+"/"+string(r.Unpayable)+"/"+fmt.Sprint(r.EarlierMayPay), ResultPaid+"//false", "paid by the earlier payment")
}
