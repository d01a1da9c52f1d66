package checkout

import (
	"errors"
	"testing"
	"time"

	"antom-checkout/antom/sandbox"
	"antom-checkout/db"
)

// A staff void whose cancel answer stays unknown is stored before the
// call and followed up by the reconciler until Antom answers; meanwhile
// staff cannot capture, and the order page says the void is pending.
func TestVoidWithUnknownAnswerIsFollowedUpByTheReconciler(t *testing.T) {
	e := newEnv(t, Options{CaptureMode: "MANUAL"})
	o := e.authorized("void-unknown@example.com")
	e.sb.Faults().SetAPI("payments/cancel", sandbox.APIFault{UnknownNext: cancelTries + resendTries})

	if err := e.svc.Void(e.ctx, "staff", o.Ref); !errors.Is(err, ErrVoidNotConfirmed) {
		t.Fatalf("void answered U: %v", err)
	}
	a := e.attempt(o.Ref)
	assertEqual(t, a.CancelStatus, db.CancelProcessing, "the void is waiting for Antom")
	admin := e.adminOrder(o.Ref)
	if !admin.Voiding || admin.Order.Status != db.OrderAuthorized {
		t.Fatalf("admin while the void is unknown: voiding %v, status %s", admin.Voiding, admin.Order.Status)
	}
	var taken *ConflictError
	if err := e.svc.Capture(e.ctx, "staff", o.Ref, 100); !errors.As(err, &taken) {
		t.Fatalf("capture while the void is unknown: %v", err)
	}

	// Still U on the reconciler's first look; then Antom answers.
	e.later(time.Minute)
	check(t, e.svc.checkAttempts(e.ctx))
	assertEqual(t, e.attempt(o.Ref).CancelStatus, db.CancelProcessing, "still waiting after another U")
	e.later(2 * time.Minute)
	check(t, e.svc.checkAttempts(e.ctx))
	row, err := e.db.OrderByRef(e.ctx, o.Ref)
	check(t, err)
	assertEqual(t, row.Status, db.OrderVoided, "order after the reconciler")
	a = e.attempt(o.Ref)
	if a.CancelStatus != db.CancelSuccess || !a.NextCheckAt.IsZero() {
		t.Fatalf("attempt after the void: cancel %q, next check %v", a.CancelStatus, a.NextCheckAt)
	}
	p, err := e.sb.Payment(e.ctx, a.PaymentID)
	check(t, err)
	if !p.Voided {
		t.Fatal("the sandbox did not void the authorization")
	}
	assertEqual(t, e.sb.Calls("payments/cancel"), cancelTries+resendTries+1, "cancels sent: the staff's round of U, the reconciler's U, then the S")
}
