package checkout

import (
	"strings"
	"testing"
	"time"

	"antom-checkout/antom"
	"antom-checkout/antom/sandbox"
	"antom-checkout/db"
)

// PAYMENT_IN_PROCESS without any page: the payment is cancelled at Antom
// before a new paymentRequestId is tried, so it can never complete.
func TestCardPayWithoutPageCancelsTheFirstPayment(t *testing.T) {
	e := newEnv(t, Options{})
	b := e.buyer("nopage@example.com")
	o := e.order(b, "coffee", 1)
	e.sb.Faults().SetAPI("payments/pay", sandbox.APIFault{NoPageNext: 1})
	cp, paymentID := e.startCard(Viewer{BuyerID: b.ID}, o.Ref, false, 0)
	if cp.RedirectURL == "" {
		t.Fatal("no payment page after the retry")
	}
	attempts := e.attempts(o.Ref)
	assertEqual(t, len(attempts), 2, "attempts")
	first := attempts[0]
	assertEqual(t, first.Status, db.AttemptCancelled, "first attempt")
	p, err := e.sb.Payment(e.ctx, first.PaymentID)
	check(t, err)
	assertEqual(t, p.Status, "CANCELLED", "first payment at the sandbox")
	if err := e.sb.PayCard(e.ctx, first.PaymentID, "4242424242424242"); err == nil {
		t.Fatal("the first payment could still be paid")
	}
	check(t, e.sb.PayCard(e.ctx, paymentID, "4242424242424242"))
	e.waitOrder(b, o.Ref, db.OrderPaid)
	// The buyer opened the first attempt; the app itself the second.
	assertEqual(t, strings.Join(openingLines(e, o.Ref), "\n"), EventBuyer+": pay by card ("+first.PaymentRequestID+")\n"+
		EventState+": new attempt opened by the app itself, not the buyer: pay by card ("+attempts[1].PaymentRequestID+")", "who opened each attempt")
	// The first attempt, closed by us before the buyer saw it and tried
	// again at once, is no failed payment: one successful of one.
	d, err := e.svc.AdminDashboard(e.ctx)
	check(t, err)
	assertEqual(t, [2]int{d.Succeeded, d.Final}, [2]int{1, 1}, "successful and final attempts on the dashboard")
}

// The same with cancel's answer unknown: no second attempt while the
// first may still complete; the reconciler cancels it, then the order can
// be paid again.
func TestCardPayWithoutPageAndCancelUnknownOpensNoSecondAttempt(t *testing.T) {
	e := newEnv(t, Options{})
	b := e.buyer("nopage2@example.com")
	v := Viewer{BuyerID: b.ID}
	o := e.order(b, "coffee", 1)
	e.sb.Faults().SetAPI("payments/pay", sandbox.APIFault{NoPageNext: 1})
	e.sb.Faults().SetAPI("payments/cancel", sandbox.APIFault{UnknownNext: 3})
	cp, err := e.svc.PayByCard(e.ctx, v, o.Ref, "", false, 0, nil, antom.Env{})
	check(t, err)
	assertEqual(t, cp.RedirectURL, "", "page")
	assertEqual(t, cp.Order.Status, db.OrderProcessing, "order while the cancel is unknown")
	assertEqual(t, len(e.attempts(o.Ref)), 1, "attempts")

	e.later(5 * time.Second)
	check(t, e.svc.Reconcile(e.ctx))
	a := e.attempt(o.Ref)
	assertEqual(t, a.Status, db.AttemptCancelled, "attempt after the reconciler")
	p, err := e.sb.Payment(e.ctx, a.PaymentID)
	check(t, err)
	assertEqual(t, p.Status, "CANCELLED", "payment at the sandbox")
	e.waitOrder(b, o.Ref, db.OrderOpen)
	_, paymentID := e.startCard(v, o.Ref, false, 0)
	check(t, e.sb.PayCard(e.ctx, paymentID, "4242424242424242"))
	e.waitOrder(b, o.Ref, db.OrderPaid)
	// The first attempt stayed open while its cancel was unknown: the
	// buyer waited, no new attempt followed at once; it counts.
	d, err := e.svc.AdminDashboard(e.ctx)
	check(t, err)
	assertEqual(t, [2]int{d.Succeeded, d.Final}, [2]int{1, 2}, "successful and final attempts on the dashboard")
}

// openingLines are an order's timeline lines that open an attempt
// ("pay by card (PR-…)"), each with its kind.
func openingLines(e *env, ref string) []string {
	e.t.Helper()
	events, err := e.db.Events(e.ctx, OrderSubject(ref))
	check(e.t, err)
	var lines []string
	for _, ev := range events {
		if ev.Kind != EventAntomCall && strings.Contains(ev.Detail, "pay by card (") {
			lines = append(lines, ev.Kind+": "+ev.Detail)
		}
	}
	return lines
}

// attempts returns an order's attempts, oldest first.
func (e *env) attempts(ref string) []db.Attempt {
	e.t.Helper()
	o, err := e.db.OrderByRef(e.ctx, ref)
	check(e.t, err)
	as, err := e.db.AttemptsOfOrder(e.ctx, o.ID)
	check(e.t, err)
	return as
}
