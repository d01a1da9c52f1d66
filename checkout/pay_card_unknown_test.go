package checkout

import (
	"testing"
	"time"

	"antom-checkout/antom/sandbox"
	"antom-checkout/db"
)

// A new-card payment whose page never reached the buyer — its pay call
// stayed unknown, or the app stopped between storing the attempt and
// sending it — cannot charge a card: the reconciler closes it a grace
// after it was made, not ~14 minutes later, and the order can be paid
// again.
func TestPagelessCardPaymentIsClosedAfterTheGrace(t *testing.T) {
	for _, tt := range []struct {
		name  string
		start func(e *env, b Buyer, o Order)
	}{
		{"pay unknown three times", func(e *env, b Buyer, o Order) {
			e.sb.Faults().SetAPI("payments/pay", sandbox.APIFault{UnknownNext: payTries})
			if cp, _ := e.startCard(Viewer{BuyerID: b.ID}, o.Ref, false, 0); cp.RedirectURL != "" {
				t.Fatalf("sent to %s", cp.RedirectURL)
			}
		}},
		{"stored, never sent", func(e *env, b Buyer, o Order) {
			row, err := e.db.OrderByRef(e.ctx, o.Ref)
			check(t, err)
			_, _, err = e.svc.openAttempt(e.ctx, row, db.Attempt{Method: db.MethodCard, CaptureMode: "AUTOMATIC"}, hostedPayExpiry, EventBuyer, func(db.Attempt) string { return "pay by card" })
			check(t, err)
		}},
	} {
		t.Run(tt.name, func(t *testing.T) {
			e := newEnv(t, Options{})
			b := e.buyer("pageless@example.com")
			o := e.order(b, "coffee", 1)
			tt.start(e, b, o)
			assertEqual(t, e.attempt(o.Ref).Status, db.AttemptProcessing, "attempt at first")

			for _, d := range []time.Duration{3 * time.Second, 6 * time.Second, 11 * time.Second, 20 * time.Second} {
				e.later(d) // each check due: asked about, left open, asked again later
				check(t, e.svc.Reconcile(e.ctx))
			}
			a := e.attempt(o.Ref)
			assertEqual(t, a.Status, db.AttemptProcessing, "attempt within the grace")
			// The growing pause (16 s now) would overshoot the grace: the next check
			// comes right after the grace.
			if wait := a.NextCheckAt.Sub(a.CreatedAt); wait > cancelGrace+2*time.Second {
				t.Fatalf("next check %s after it was made, want right after the %s grace", wait, cancelGrace)
			}
			e.later(cancelGrace + 2*time.Second)
			check(t, e.svc.Reconcile(e.ctx))
			a = e.attempt(o.Ref)
			assertEqual(t, a.Status+" "+a.ResultCode, db.AttemptFail+" ORDER_NOT_EXIST", "attempt after the grace")
			e.waitOrder(b, o.Ref, db.OrderOpen)
			if _, paymentID := e.startCard(Viewer{BuyerID: b.ID}, o.Ref, false, 0); paymentID == "" {
				t.Fatal("the order could not be paid again")
			}
		})
	}
}
