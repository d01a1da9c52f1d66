package checkout

import (
	"context"
	"errors"
	"testing"
	"time"

	"antom-checkout/antom"
	"antom-checkout/antom/sandbox"
	"antom-checkout/db"
)

// A one-click pay whose request goes away while Antom is answering (the
// buyer closed the page; behind haproxy's abortonclose the instance
// sees that at once) is made and recorded made: the call to Antom is not
// cancelled with the request, nor sent twice, and the order ends paid —
// not left processing, its outcome unknown, for the reconciler to find.
func TestPayOutlivesItsRequest(t *testing.T) {
	e := newEnv(t, Options{})
	b, wallet, login := payer(t, e, "gone-mid-pay@example.com")
	before, err := e.sb.Balance(e.ctx, login, "USD")
	check(t, err)
	o := e.order(b, "mug", 1)
	order, err := e.db.OrderByRef(e.ctx, o.Ref)
	check(t, err)
	e.sb.Faults().SetAPI("payments/pay", sandbox.APIFault{Latency: 300 * time.Millisecond})
	ctx, cancel := context.WithCancel(e.ctx)
	defer cancel()
	// The request goes away once the attempt is stored (its pay call goes
	// out next, and Antom takes 300 ms to answer).
	go func() {
		for ctx.Err() == nil {
			if _, err := e.db.LatestAttempt(e.ctx, order.ID); err == nil {
				cancel()
				return
			}
			time.Sleep(time.Millisecond)
		}
	}()
	err = e.svc.PayOrderWithWallet(ctx, b.ID, o.Ref, "", wallet, antom.Env{})
	if !errors.Is(err, context.Canceled) {
		t.Fatalf("the request was not cancelled mid-call (pay: %v)", err)
	}
	e.svc.Wait()
	a := e.attempt(o.Ref)
	assertEqual(t, a.Status, db.AttemptSuccess, "attempt after its request went away mid-call")
	assertEqual(t, e.attemptOrder(o.Ref), db.OrderPaid, "order")
	assertEqual(t, e.sb.Calls("payments/pay"), 1, "pay calls")
	after, err := e.sb.Balance(e.ctx, login, "USD")
	check(t, err)
	if before-after <= 0 {
		t.Fatalf("nothing debited (before %d, after %d)", before, after)
	}
}

// attemptOrder is the order's status as stored.
func (e *env) attemptOrder(ref string) string {
	e.t.Helper()
	o, err := e.db.OrderByRef(e.ctx, ref)
	check(e.t, err)
	return o.Status
}
