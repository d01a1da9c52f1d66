package checkout

import (
	"testing"
	"time"

	"antom-checkout/antom"
)

// While a cancel of ours may still reverse an authorization (the buyer's
// "pay another way" overtaken by the card's success), staff can neither
// capture nor void it: nothing is sent, the order's page offers neither
// and says why, and the dashboard does not count it as waiting for them.
// Once the doubt ends with the authorization standing, staff capture it.
func TestStaffCaptureAndVoidWaitForACancelInDoubt(t *testing.T) {
	e := newEnv(t, Options{CaptureMode: antom.CaptureManual})
	b := e.buyer("doubt-capture@example.com")
	o, a, _ := e.authorizedWhileCancelling(b)

	assertConflict(t, e.svc.Capture(e.ctx, staffActor, o.Ref, a.Amount), "waits for a cancel of this payment")
	assertConflict(t, e.svc.Void(e.ctx, staffActor, o.Ref), "waits for a cancel of this payment")
	assertEqual(t, e.sb.Calls("payments/capture"), 0, "captures sent")
	assertEqual(t, e.sb.Calls("payments/cancel"), 0, "cancels (voids) sent")
	admin := e.adminOrder(o.Ref)
	if admin.CanCapture() || !admin.CancelInDoubt || admin.Pending != PendingCancelChecking || !admin.Waiting() {
		t.Fatalf("admin: can capture %v, in doubt %v, pending %q, waiting %v", admin.CanCapture(), admin.CancelInDoubt, admin.Pending, admin.Waiting())
	}
	open, err := e.db.OpenAuthorizations(e.ctx)
	check(t, err)
	assertEqual(t, len(open), 0, "authorizations waiting for staff on the dashboard")
	list, err := e.svc.AdminOrders(e.ctx, OrderFilter{})
	check(t, err)
	assertEqual(t, list.Items[0].Pending, PendingCancelChecking, "the list's badge")

	// The cancel never took effect: Antom still says SUCCESS once a cancel
	// sent would have landed, and the authorization stands.
	e.later(time.Minute) // the first watch finds Antom answering SUCCESS
	check(t, e.svc.checkAttempts(e.ctx))
	e.later(time.Minute + cancelLandsWithin + time.Second)
	check(t, e.svc.checkAttempts(e.ctx))
	admin = e.adminOrder(o.Ref)
	if !admin.CanCapture() || admin.CancelInDoubt || admin.Pending != "" {
		t.Fatalf("after the doubt: can capture %v, in doubt %v, pending %q", admin.CanCapture(), admin.CancelInDoubt, admin.Pending)
	}
	check(t, e.svc.Capture(e.ctx, staffActor, o.Ref, a.Amount))
	assertEqual(t, e.sb.Calls("payments/capture"), 1, "captures sent once the doubt ended")
}

// A paid order (AUTOMATIC capture) whose cancel of ours is in doubt
// cannot be refunded: if the cancel took effect it gave the money back,
// and a refund would give it back twice.
func TestStaffRefundWaitsForACancelInDoubt(t *testing.T) {
	e := newEnv(t, Options{})
	b := e.buyer("doubt-refund@example.com")
	o, _, _ := e.paidWhileCancelling(b)

	_, err := e.refund(o.Ref, "1.00")
	assertConflict(t, err, "waits for a cancel of this payment")
	assertEqual(t, e.sb.Calls("payments/refund"), 0, "refunds sent")
	admin := e.adminOrder(o.Ref)
	if admin.CanRefund || !admin.CancelInDoubt || admin.Pending != PendingCancelChecking {
		t.Fatalf("admin: can refund %v, in doubt %v, pending %q", admin.CanRefund, admin.CancelInDoubt, admin.Pending)
	}
	mine, _, err := e.svc.MyOrders(e.ctx, Viewer{BuyerID: b.ID})
	check(t, err)
	assertEqual(t, mine[0].Pending, PendingCancelChecking, "My orders")
}
