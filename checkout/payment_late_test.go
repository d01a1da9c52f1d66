package checkout

import (
	"testing"
	"time"

	"antom-checkout/antom"
	"antom-checkout/antom/sandbox"
	"antom-checkout/db"
)

// closedByUs pays a magic93 order (stays PROCESSING at the sandbox) and
// lets the reconciler close it as we do when Antom shows no such payment
// past its expiry (FAIL ORDER_NOT_EXIST), while the sandbox still holds
// it open. It returns the order and the closed attempt.
func (e *env) closedByUs(b Buyer, wallet int64) (Order, db.Attempt) {
	e.t.Helper()
	o := e.orderPriced(b, e.order(b, "coffee", 1), "magic93")
	_, err := e.svc.PayWithWallet(e.ctx, b.ID, o.Ref, wallet, antom.Env{})
	check(e.t, err)
	e.sb.Faults().SetAPI("payments/inquiryPayment", sandbox.APIFault{NotFoundNext: 1})
	e.later(2 * time.Minute)
	check(e.t, e.svc.Reconcile(e.ctx))
	a := e.attempt(o.Ref)
	assertEqual(e.t, a.Status+"/"+a.ResultCode, "FAIL/ORDER_NOT_EXIST", "attempt closed by us")
	e.waitOrder(b, o.Ref, db.OrderOpen)
	e.svc.Wait()
	e.svc.now = time.Now // the sandbox's clock: a new pay's expiry must suit it
	return o, a
}

// Antom's SUCCESS for an attempt we had closed ourselves pays the order.
func TestLateSuccessByNotificationPaysTheOrder(t *testing.T) {
	e := newEnvScaled(t, Options{}, 1)
	b, wallet, _ := payer(t, e, "late@example.com")
	o, a := e.closedByUs(b, wallet)
	check(t, e.sb.SettlePayment(e.ctx, a.PaymentID, true))
	e.waitOrder(b, o.Ref, db.OrderPaid)
	assertEqual(t, e.attempt(o.Ref).Status, db.AttemptSuccess, "attempt")
	assertEqual(t, e.lastInbox("PAYMENT_RESULT").Verdict, VerdictApplied, "verdict")
	if !e.timelineHas(o.Ref, "late success") {
		t.Fatal("the timeline does not say late success")
	}
}

// With every notification lost, the reconciler keeps asking about an
// attempt we closed ourselves and finds the late success.
func TestLateSuccessByInquiryPaysTheOrder(t *testing.T) {
	e := newEnvScaled(t, Options{}, 1)
	b, wallet, _ := payer(t, e, "lateinq@example.com")
	o, a := e.closedByUs(b, wallet)
	e.sb.Faults().SetNotify(sandbox.NotifyFault{DropNext: 100})
	check(t, e.sb.SettlePayment(e.ctx, a.PaymentID, true))
	e.later(10 * time.Minute)
	check(t, e.svc.Reconcile(e.ctx))
	e.waitOrder(b, o.Ref, db.OrderPaid)
	if !e.timelineHas(o.Ref, "late success") {
		t.Fatal("the timeline does not say late success")
	}
}

// A late success for an order another attempt already paid is refunded
// automatically: the buyer pays once.
func TestLateSuccessOfAPaidOrderIsRefunded(t *testing.T) {
	e := newEnvScaled(t, Options{}, 1)
	b, wallet, login := payer(t, e, "twicepaid@example.com")
	before, err := e.sb.Balance(e.ctx, login, "USD")
	check(t, err)
	o, first := e.closedByUs(b, wallet)
	_, err = e.svc.PayWithWallet(e.ctx, b.ID, o.Ref, wallet, antom.Env{})
	check(t, err)
	second := e.attempt(o.Ref)
	check(t, e.sb.SettlePayment(e.ctx, second.PaymentID, true))
	e.waitOrder(b, o.Ref, db.OrderPaid)

	check(t, e.sb.SettlePayment(e.ctx, first.PaymentID, true))
	r := e.waitRefund(o.Ref, db.RefundSuccess)
	assertEqual(t, r.AttemptID, first.ID, "refunded attempt")
	assertEqual(t, r.Amount, first.Amount, "refunded amount")
	after, err := e.sb.Balance(e.ctx, login, "USD")
	check(t, err)
	assertEqual(t, before-after, first.Amount, "the buyer paid once")
	assertEqual(t, e.attempt(o.Ref).ID, second.ID, "the attempt that paid the order")
	view, err := e.svc.OrderFor(e.ctx, Viewer{BuyerID: b.ID}, o.Ref)
	check(t, err)
	assertEqual(t, view.Status, db.OrderPaid, "order")
	if !e.timelineHas(o.Ref, "refunding it automatically") {
		t.Fatal("the timeline does not say it refunds")
	}
	d, err := e.svc.AdminDashboard(e.ctx)
	check(t, err)
	assertEqual(t, d.AutoRefunds, 1, "automatic refunds on the dashboard")
	assertEqual(t, d.AutoRefundsOpen, 0, "automatic refunds not done")
	// Whatever arrives again changes nothing: one refund.
	check(t, e.svc.Reconcile(e.ctx))
	rows, err := e.db.SQL().QueryContext(e.ctx, `SELECT COUNT(*) FROM refunds`)
	check(t, err)
	var n int
	for rows.Next() {
		check(t, rows.Scan(&n))
	}
	rows.Close()
	assertEqual(t, n, 1, "refunds")
}

// waitRefund waits until the order's only refund reaches status.
func (e *env) waitRefund(ref, status string) db.Refund {
	e.t.Helper()
	o, err := e.db.OrderByRef(e.ctx, ref)
	check(e.t, err)
	deadline := time.Now().Add(10 * time.Second)
	for {
		rs, err := e.db.OrderRefunds(e.ctx, o.ID)
		check(e.t, err)
		if len(rs) == 1 && rs[0].Status == status {
			return rs[0]
		}
		if time.Now().After(deadline) {
			e.t.Fatalf("order %s refunds: %+v, want one %s", ref, rs, status)
		}
		e.svc.Wait()
		time.Sleep(10 * time.Millisecond)
	}
}

// cardClosedByUs starts a hosted card payment and lets the reconciler
// close it as we do when Antom shows no such payment past its expiry,
// while the sandbox's page stays payable. It returns the closed attempt.
func (e *env) cardClosedByUs(b Buyer, ref string) db.Attempt {
	e.t.Helper()
	e.startCard(Viewer{BuyerID: b.ID}, ref, false, 0)
	e.sb.Faults().SetAPI("payments/inquiryPayment", sandbox.APIFault{NotFoundNext: 1})
	e.later(hostedPayExpiry + time.Minute)
	check(e.t, e.svc.Reconcile(e.ctx))
	a := e.attempt(ref)
	assertEqual(e.t, a.Status+"/"+a.ResultCode, "FAIL/ORDER_NOT_EXIST", "attempt closed by us")
	e.svc.Wait()
	e.svc.now = time.Now
	return a
}

// In MANUAL mode a late success is an authorization: the order becomes
// authorized and can be captured.
func TestLateAuthorizationAuthorizesTheOrder(t *testing.T) {
	e := newEnvScaled(t, Options{CaptureMode: antom.CaptureManual}, 1)
	b := e.buyer("lateauth@example.com")
	o := e.order(b, "teapot", 1)
	a := e.cardClosedByUs(b, o.Ref)
	check(t, e.sb.PayCard(e.ctx, a.PaymentID, "4242424242424242"))
	e.waitOrder(b, o.Ref, db.OrderAuthorized)
	check(t, e.svc.Capture(e.ctx, staffActor, o.Ref, 5800))
	e.waitOrder(b, o.Ref, db.OrderPaid)
}

// A late authorization of an order another attempt authorized already is
// voided automatically; the order keeps the other one.
func TestLateSurplusAuthorizationIsVoided(t *testing.T) {
	e := newEnvScaled(t, Options{CaptureMode: antom.CaptureManual}, 1)
	b := e.buyer("voidlate@example.com")
	o := e.order(b, "teapot", 1)
	first := e.cardClosedByUs(b, o.Ref)
	_, paymentID := e.startCard(Viewer{BuyerID: b.ID}, o.Ref, false, 0)
	check(t, e.sb.PayCard(e.ctx, paymentID, "4242424242424242"))
	e.waitOrder(b, o.Ref, db.OrderAuthorized)
	second := e.attempt(o.Ref)

	check(t, e.sb.PayCard(e.ctx, first.PaymentID, "4242424242424242"))
	e.waitFor(func() (string, Order) { return e.reattempt(first).CancelStatus, Order{} }, db.CancelSuccess)
	p, err := e.sb.Payment(e.ctx, first.PaymentID)
	check(t, err)
	if !p.Voided {
		t.Fatal("the sandbox did not void the surplus authorization")
	}
	got := e.reattempt(first)
	assertEqual(t, got.Status, db.AttemptSuccess, "surplus attempt")
	assertEqual(t, got.Surplus, true, "surplus")
	assertEqual(t, e.attempt(o.Ref).ID, second.ID, "the attempt that authorized the order")
	check(t, e.svc.Capture(e.ctx, staffActor, o.Ref, 5800))
	e.waitOrder(b, o.Ref, db.OrderPaid)
	p, err = e.sb.Payment(e.ctx, paymentID)
	check(t, err)
	assertEqual(t, p.Captured, int64(5800), "captured from the second authorization")
}

// payments_total counts an attempt's final status once: a close of ours
// that Antom overturns counts as the SUCCESS it became, not as FAIL and
// then SUCCESS; one nobody overturns counts as FAIL when its watch ends.
func TestLateSuccessIsCountedOnce(t *testing.T) {
	e := newEnvScaled(t, Options{}, 1)
	b, wallet, _ := payer(t, e, "counted-once@example.com")
	o, a := e.closedByUs(b, wallet)
	_, payments := e.obs.counts()
	assertCounts(t, "payments while watched", payments, map[string]int{})
	check(t, e.sb.SettlePayment(e.ctx, a.PaymentID, true))
	e.waitOrder(b, o.Ref, db.OrderPaid)
	e.svc.Wait()
	_, payments = e.obs.counts()
	assertCounts(t, "payments after the late success", payments, map[string]int{db.MethodWallet + " " + db.AttemptSuccess: 1})

	other, _ := e.closedByUs(b, wallet)
	e.sb.Faults().SetAPI("payments/inquiryPayment", sandbox.APIFault{NotFoundNext: 1000})
	for range 2 { // two passes past the watch (or two instances): counted once
		e.later(lateWatch + time.Hour)
		check(t, e.svc.Reconcile(e.ctx))
	}
	e.svc.Wait()
	_, payments = e.obs.counts()
	assertCounts(t, "payments after the watch", payments, map[string]int{
		db.MethodWallet + " " + db.AttemptSuccess: 1, db.MethodWallet + " " + db.AttemptFail: 1})
	assertEqual(t, e.attempt(other.Ref).NextCheckAt.IsZero(), true, "no longer watched")
}
