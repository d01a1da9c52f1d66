package checkout

import (
	"strings"
	"testing"
	"time"

	"antom-checkout/db"
)

// heldPages is what each page and count says of order ref's payment
// whose stored cancel may be held for a paymentId conflict.
type heldPages struct {
	buyer, mine, listed        string // Result* states: result page, My orders, orders list
	held, resolved, cancelling bool   // staff's order page (AttemptInfo)
	decidedBy                  bool   // the buyer's page names a time by which it is decided
	cancelsStuck, conflicts    int    // the dashboard's counts
}

func (e *env) heldPages(v Viewer, ref string) heldPages {
	e.t.Helper()
	r := e.result(v, ref)
	var p heldPages
	p.buyer, p.decidedBy = r.State, !r.DecidedBy.IsZero()
	if r.State == ResultProcessing && !r.CancelHeld {
		p.buyer += "(not held)"
	}
	p.mine = e.myOrdersState(v, ref)
	list, err := e.svc.AdminOrders(e.ctx, OrderFilter{Query: ref})
	check(e.t, err)
	for _, it := range list.Items {
		if it.Ref == ref {
			p.listed = it.State
		}
	}
	m := e.adminOrder(ref)
	at := m.Attempts[len(m.Attempts)-1]
	p.held, p.resolved, p.cancelling = at.CancelHeld, at.CancelHeldResolved, at.Cancelling
	d, err := e.svc.AdminDashboard(e.ctx)
	check(e.t, err)
	p.cancelsStuck, p.conflicts = d.CancelsStuck, d.PaymentIDConflicts
	return p
}

// A cancel the app stored of its own (here as at the card page's
// expiry, Antom not answering it) before it learned that Antom's
// answers name another paymentId is held: not sent again, and no page
// says the payment is being cancelled — the buyer's page and My orders
// say it is being confirmed (CancelHeld: the shop checks it by hand, no
// time promised), the orders list says processing, the staff's order
// page says the cancel is held (see the notice), the dashboard counts it
// once, as a paymentId conflict, not as a stuck cancel; the timeline
// says it once. Staff marking the conflict resolved sends nothing
// either. When Antom then settles the payment, the stored cancel ends
// with it (in doubt, as any cancel overtaken by a SUCCESS: it was sent
// before) without being sent again; the order is paid once, nothing
// given back.
func TestPaymentIDConflictHeldStoredCancel(t *testing.T) {
	const other = "2026120600000000000000000000000018"
	e := newEnvScaled(t, Options{}, 1)
	b, o, a := e.conflictedCard("conflict-stored-cancel@example.com", "")
	v := Viewer{BuyerID: b.ID}
	stored, err := e.db.RequestCancel(e.ctx, a.ID, "", time.Now())
	check(t, err)
	assertEqual(t, stored, true, "the app's own cancel stored")
	e.later(2 * time.Minute) // the dashboard counts cancels stuck over a minute
	assertEqual(t, e.heldPages(v, o.Ref), heldPages{buyer: ResultCancelling, mine: ResultCancelling, listed: ResultCancelling,
		cancelling: true, cancelsStuck: 1}, "before the conflict is learned")

	cancels := e.sb.Calls("payments/cancel")
	e.conflictingAnswer(e.attempt(o.Ref), other)
	want := heldPages{buyer: ResultProcessing, mine: ResultProcessing, listed: ResultProcessing, held: true, conflicts: 1}
	assertEqual(t, e.heldPages(v, o.Ref), want, "once the conflict is learned")
	after := e.attempt(o.Ref)
	assertEqual(t, after.CancelStatus, db.CancelProcessing, "the stored cancel")
	assertEqual(t, after.CancelHeld(), true, "held")
	backlog, err := e.db.ReconcilerBacklog(e.ctx)
	check(t, err)
	for _, b := range backlog {
		if b.Kind == db.BacklogCancels {
			assertEqual(t, b.Count, 0, "the reconciler's backlog of cancels to send")
		}
	}

	for _, d := range []time.Duration{5 * time.Minute, 30 * time.Minute} { // the reconciler's resends are due
		e.later(d)
		check(t, e.svc.Reconcile(e.ctx))
		e.svc.Wait()
	}
	assertEqual(t, e.sb.Calls("payments/cancel"), cancels, "cancel calls after the conflict")
	assertEqual(t, e.heldPages(v, o.Ref), want, "after the reconciler's passes")
	_, n, lines := e.timelineCounts(o.Ref, a.PaymentRequestID+": the cancel stored earlier is no longer sent")
	assertEqual(t, n, 1, "lines saying the stored cancel is held")
	for _, l := range lines {
		if strings.Contains(l, "not cancelled automatically") {
			t.Fatalf("a second line says it is held: %q", l)
		}
	}

	check(t, e.svc.ResolveAlarm(e.ctx, staffActor, o.Ref, a.PaymentRequestID, db.AlarmPaymentIDConflict, "looked it up in Antom Dashboard"))
	want.resolved, want.conflicts = true, 0
	assertEqual(t, e.heldPages(v, o.Ref), want, "once staff marked the conflict resolved")
	e.later(time.Hour)
	check(t, e.svc.Reconcile(e.ctx))
	e.svc.Wait()
	assertEqual(t, e.sb.Calls("payments/cancel"), cancels, "cancel calls after staff resolved it")

	check(t, e.sb.PayCard(e.ctx, a.PaymentID, "4242424242424242")) // Antom settles it
	e.waitOrder(b, o.Ref, db.OrderPaid)
	e.svc.Wait()
	for _, d := range []time.Duration{2 * time.Hour, 3*time.Hour + cancelLandsWithin} {
		e.later(d) // the doubt's inquiries, until no send of ours can land
		check(t, e.svc.Reconcile(e.ctx))
		e.svc.Wait()
	}
	settled := e.attempt(o.Ref)
	assertEqual(t, settled.Status, db.AttemptSuccess, "the payment, as Antom settled it")
	assertEqual(t, settled.CancelHeld(), false, "held once settled")
	assertEqual(t, settled.CancelStatus, db.CancelFail, "the stored cancel, ended: the payment stands")
	assertEqual(t, e.sb.Calls("payments/cancel"), cancels, "cancel calls after Antom settled it")
	assertEqual(t, e.sb.Calls("payments/refund"), 0, "refunds")
	assertEqual(t, e.result(v, o.Ref).State, ResultPaid, "the buyer's page")
}

// The buyer's own "pay another way", stored and not answered before the
// conflict was learned, is not held: the pages say it is being
// cancelled, and the reconciler sends it — Antom cancels the payment.
// The dashboard counts it once, as the conflict.
func TestPaymentIDConflictBuyersStoredCancelStillGoes(t *testing.T) {
	const other = "2026120600000000000000000000000019"
	e := newEnvScaled(t, Options{}, 1)
	b, o, a := e.conflictedCard("conflict-buyer-cancel@example.com", "")
	v := Viewer{BuyerID: b.ID}
	marked, err := e.db.MarkAbandoned(e.ctx, a.ID, time.Now())
	check(t, err)
	assertEqual(t, marked, true, "the buyer chose to pay another way")
	stored, err := e.db.RequestCancelOfOpen(e.ctx, a.ID, "", time.Now())
	check(t, err)
	assertEqual(t, stored, true, "the buyer's cancel stored")
	cancels := e.sb.Calls("payments/cancel")
	e.later(2 * time.Minute)
	e.conflictingAnswer(e.attempt(o.Ref), other)
	assertEqual(t, e.heldPages(v, o.Ref), heldPages{buyer: ResultCancelling, mine: ResultCancelling, listed: ResultCancelling,
		cancelling: true, conflicts: 1}, "the buyer's cancel, the conflict learned (counted once, as the conflict)")
	assertEqual(t, e.attempt(o.Ref).CancelHeld(), false, "held")

	check(t, e.svc.Reconcile(e.ctx))
	e.svc.Wait()
	if e.sb.Calls("payments/cancel") == cancels {
		t.Fatal("the buyer's cancel was not sent")
	}
	after := e.attempt(o.Ref)
	assertEqual(t, after.Status, db.AttemptCancelled, "the payment")
	assertEqual(t, e.result(v, o.Ref).State, ResultCancelled, "the buyer's page")
	assertEqual(t, e.myOrdersState(v, o.Ref), ResultCancelled, "My orders")
}

// A conflict recorded while a stored cancel was not held at once (as
// before the hold was taken with the conflict's record) is held at the
// reconciler's next send: nothing is sent, the pages stop saying
// "cancelling", and the timeline says once that the stored cancel is no
// longer sent.
func TestPaymentIDConflictStoredCancelHeldAtTheNextSend(t *testing.T) {
	const other = "2026120600000000000000000000000021"
	e := newEnvScaled(t, Options{}, 1)
	b, o, a := e.conflictedCard("conflict-stored-late@example.com", "")
	v := Viewer{BuyerID: b.ID}
	stored, err := e.db.RequestCancel(e.ctx, a.ID, "", time.Now())
	check(t, err)
	assertEqual(t, stored, true, "the app's own cancel stored")
	fresh, err := e.db.RecordPaymentIDConflict(e.ctx, a.ID, other, time.Now())
	check(t, err)
	assertEqual(t, fresh, true, "the conflict recorded, the cancel not held")
	cancels := e.sb.Calls("payments/cancel")
	for _, d := range []time.Duration{2 * time.Minute, 10 * time.Minute} {
		e.later(d)
		check(t, e.svc.Reconcile(e.ctx))
		e.svc.Wait()
	}
	assertEqual(t, e.sb.Calls("payments/cancel"), cancels, "cancel calls")
	assertEqual(t, e.heldPages(v, o.Ref), heldPages{buyer: ResultProcessing, mine: ResultProcessing, listed: ResultProcessing,
		held: true, conflicts: 1}, "held at the next send")
	_, n, lines := e.timelineCounts(o.Ref, a.PaymentRequestID+": the cancel stored earlier is no longer sent")
	if n != 1 {
		t.Fatalf("%d lines saying the stored cancel is held, want 1: %q", n, lines)
	}
}
