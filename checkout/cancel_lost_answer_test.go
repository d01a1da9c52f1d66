package checkout

import (
	"errors"
	"testing"
	"time"

	"antom-checkout/antom/sandbox"
	"antom-checkout/db"
)

// A buyer's "pay another way" whose cancel Antom made but whose answers
// were lost (the sandbox does the work, then drops the connection) is
// ended by the reconciler's inquiry before it sends the cancel again:
// told CANCELLED, the attempt is settled so, the order opens for a new
// payment, and the cancel is not sent again. (A trial saw the
// reconciler told CANCELLED nine times over four minutes while it kept
// sending the cancel and the buyer's page said "Cancelling".) Told FAIL
// alike.
func TestResentCancelEndsWhenAntomSaysItIsOver(t *testing.T) {
	for _, c := range []struct{ name, want string }{
		{"cancelled", db.AttemptCancelled},
		{"failed", db.AttemptFail},
	} {
		t.Run(c.name, func(t *testing.T) {
			e := newEnv(t, Options{})
			b := e.buyer("cancel-lost-" + c.name + "@example.com")
			v := Viewer{BuyerID: b.ID}
			o := e.order(b, "mug", 1)
			e.startCard(v, o.Ref, false, 0)
			clock := e.freezeClock()
			if c.name == "failed" {
				// Our cancel answered U, not done; Antom then ends the payment
				// itself (FAIL).
				e.sb.Faults().SetAPI("payments/cancel", sandbox.APIFault{UnknownNext: 1000})
			} else {
				e.sb.Faults().SetAPI("payments/cancel", sandbox.APIFault{DropNext: 1000})
			}
			if _, err := e.svc.PayAnotherWay(e.ctx, v, o.Ref); !errors.Is(err, ErrCancelNotConfirmed) {
				t.Fatalf("the cancel's answers lost: %v", err)
			}
			if c.name == "failed" {
				check(t, e.sb.SettlePayment(e.ctx, e.attempt(o.Ref).PaymentID, false))
			}
			sent := e.sb.Calls("payments/cancel")
			clock.set(time.Minute)
			check(t, e.svc.checkAttempts(e.ctx))
			a := e.attempt(o.Ref)
			assertEqual(t, a.Status, c.want, "the attempt, as Antom's inquiry says")
			assertEqual(t, a.CancelStatus == db.CancelProcessing, false, "a cancel still to be sent")
			assertEqual(t, e.sb.Calls("payments/cancel"), sent, "cancels sent after Antom said the payment was over")
			r, err := e.svc.OrderResult(e.ctx, v, o.Ref)
			check(t, err)
			if r.State == ResultCancelling {
				t.Fatalf("the buyer's page still says cancelling: %+v", r)
			}
		})
	}
}
