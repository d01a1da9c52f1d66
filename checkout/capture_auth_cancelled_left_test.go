package checkout

import (
	"errors"
	"testing"
	"time"

	"antom-checkout/antom"
	"antom-checkout/db"
)

// leftThenCancelledAtAntom is cancelledAtAntom's order, but one the buyer
// had left (Pay another way) before it became an authorization: what
// Antom cancelled is the payment the buyer's cancel asked it to.
func (e *env) leftThenCancelledAtAntom(email string) Order {
	e.t.Helper()
	o, _ := e.cancelledAtAntom(email)
	marked, err := e.db.MarkAbandoned(e.ctx, e.attempt(o.Ref).ID, time.Now())
	check(e.t, err)
	assertEqual(e.t, marked, true, "marked abandoned")
	return o
}

// assertReopened checks an order whose authorization, left by its buyer,
// Antom said was cancelled: OPEN again for the buyer to pay another way,
// its attempt CANCELLED with nothing taken — not VOIDED, which would tell
// the buyer the shop cancelled it — and nothing left for staff to capture.
func (e *env) assertReopened(o Order) {
	e.t.Helper()
	e.svc.Wait()
	got, err := e.db.OrderByRef(e.ctx, o.Ref)
	check(e.t, err)
	a := e.attempt(o.Ref)
	assertDeep(e.t, []any{got.Status, a.Status}, []any{db.OrderOpen, db.AttemptCancelled}, "the order and its attempt")
	if _, with, lines := e.timelineCounts(o.Ref, "CANCELLED after it was authorized"); with != 1 {
		e.t.Fatalf("want one line of the cancel taking effect, got %d: %q", with, lines)
	}
	if ao := e.adminOrder(o.Ref); ao.CanCapture() || ao.CaptureFailed != nil {
		e.t.Fatalf("staff's order: can capture %v, alarm %+v", ao.CanCapture(), ao.CaptureFailed)
	}
	check(e.t, e.svc.Reconcile(e.ctx))
	got, err = e.db.OrderByRef(e.ctx, o.Ref)
	check(e.t, err)
	assertEqual(e.t, got.Status, db.OrderOpen, "the order after the reconciler")
}

// Staff's capture of such an authorization, refused AUTH_CANCELLED,
// reopens the order.
func TestCaptureAuthCancelledOfALeftPaymentReopensTheOrder(t *testing.T) {
	e := newEnv(t, Options{CaptureMode: antom.CaptureManual})
	o := e.leftThenCancelledAtAntom("left-cancelled-capture@example.com")
	var refused *CaptureError
	if err := e.svc.Capture(e.ctx, staffActor, o.Ref, 5800); !errors.As(err, &refused) || refused.Code != antom.CodeAuthCancelled {
		t.Fatalf("capture: %v, want AUTH_CANCELLED", err)
	}
	e.assertReopened(o)
}

// The reconciler does the same with a refusal settled before the app
// closed such orders.
func TestReconcilerReopensALeftPaymentAntomSaidCancelled(t *testing.T) {
	e := newEnv(t, Options{CaptureMode: antom.CaptureManual})
	o := e.leftThenCancelledAtAntom("left-cancelled-reconciler@example.com")
	e.refusedEarlier(o, antom.CodeAuthCancelled, "the authorization was cancelled")
	check(t, e.svc.Reconcile(e.ctx))
	e.assertReopened(o)
}
