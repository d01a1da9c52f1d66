package checkout

import (
	"testing"
	"time"

	"antom-checkout/db"
)

// openCounts is what the dashboard counts of payments still open, and
// of paymentId conflicts.
type openCounts struct {
	stuck, cardPages, cancelling, conflicts int
}

func (e *env) openCounts() openCounts {
	e.t.Helper()
	d, err := e.svc.AdminDashboard(e.ctx)
	check(e.t, err)
	return openCounts{d.StuckAttempts, d.CardPagesOpen, d.CancelsStuck, d.PaymentIDConflicts}
}

// A card payment held for a paymentId conflict at its expiry, with no
// cancel stored (the app did not cancel it: staff decide), is counted
// once on the dashboard — as a paymentId conflict, not also as a card
// page left open (or a payment stuck processing) — as its held stored
// cancel is not counted as a stuck cancel. Once staff mark the conflict
// resolved nothing counts it: they have looked it up in Antom Dashboard,
// the app sends nothing of it and keeps asking Antom.
func TestPaymentIDConflictHeldCountedOnce(t *testing.T) {
	const other = "2026120600000000000000000000000022"
	e := newEnvScaled(t, Options{}, 1) // the card page stays open at Antom
	_, o, a := e.conflictedCard("conflict-count@example.com", "")
	e.later(2 * time.Minute)
	assertEqual(t, e.openCounts(), openCounts{cardPages: 1}, "a card page left open")
	e.conflictingAnswer(e.attempt(o.Ref), other)
	assertEqual(t, e.openCounts(), openCounts{cardPages: 1, conflicts: 1}, "the conflict learned before its expiry: not held yet")

	e.later(hostedPayExpiry + cancelGrace + time.Minute) // past its expiry: held, not cancelled
	check(t, e.svc.Reconcile(e.ctx))
	e.svc.Wait()
	held := e.attempt(o.Ref)
	assertEqual(t, held.CancelStatus, "", "its cancel")
	if held.ConflictHeldAt.IsZero() {
		t.Fatal("the payment was not held for the conflict")
	}
	assertEqual(t, e.openCounts(), openCounts{conflicts: 1}, "held at its expiry")

	check(t, e.svc.ResolveAlarm(e.ctx, staffActor, o.Ref, a.PaymentRequestID, db.AlarmPaymentIDConflict, "looked it up in Antom Dashboard"))
	assertEqual(t, e.openCounts(), openCounts{}, "once staff marked the conflict resolved")
}
