package checkout

import (
	"context"
	"errors"
	"strings"
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
	// Antom takes its time to answer; the request goes away as the pay
	// call goes out: its timeline line "pay … sent" (ObserveSend) is
	// written just before it is sent.
	e.sb.Faults().SetAPI("payments/pay", sandbox.APIFault{Latency: 300 * time.Millisecond})
	ctx, cancel := context.WithCancel(e.ctx)
	defer cancel()
	e.db.BeforeStatement(func(_ context.Context, query string) {
		if strings.Contains(query, "INSERT INTO events") {
			cancel()
		}
	})
	t.Cleanup(func() { e.db.BeforeStatement(nil) })
	err = e.svc.PayOrderWithWallet(ctx, b.ID, o.Ref, "", wallet, antom.Env{})
	e.db.BeforeStatement(nil)
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

// A pay whose request goes away while its attempt is being stored (the
// buyer closed the page just then) is made all the same: the attempt's
// transaction does not end with the request. Ended with it, a COMMIT cut
// off on its way (PostgreSQL) could leave the attempt stored and its
// order processing with no pay ever sent — until, past its expiry, the
// app closed it failed by itself: a decline the buyer never caused.
func TestPayWhoseRequestEndsWhileStoringIsMade(t *testing.T) {
	e := newEnv(t, Options{})
	b, wallet, _ := payer(t, e, "gone-while-storing@example.com")
	o := e.order(b, "mug", 1)
	ctx, cancel := context.WithCancel(e.ctx)
	defer cancel()
	e.db.BeforeStatement(func(sctx context.Context, query string) {
		if strings.Contains(query, "INSERT INTO payment_attempts") {
			cancel() // the client goes while the attempt is being stored
		}
	})
	t.Cleanup(func() { e.db.BeforeStatement(nil) })
	err := e.svc.PayOrderWithWallet(ctx, b.ID, o.Ref, "", wallet, antom.Env{})
	e.db.BeforeStatement(nil)
	if ctx.Err() == nil {
		t.Fatalf("the request was not cancelled while its attempt was stored (pay: %v)", err)
	}
	e.svc.Wait()
	attempts := e.attempts(o.Ref)
	if len(attempts) != 1 || attempts[0].Status != db.AttemptSuccess {
		t.Fatalf("attempts after the request went away while storing: %+v, want one, paid", attempts)
	}
	assertEqual(t, e.attemptOrder(o.Ref), db.OrderPaid, "order")
	assertEqual(t, e.sb.Calls("payments/pay"), 1, "pay calls")
}

// attemptOrder is the order's status as stored.
func (e *env) attemptOrder(ref string) string {
	e.t.Helper()
	o, err := e.db.OrderByRef(e.ctx, ref)
	check(e.t, err)
	return o.Status
}
