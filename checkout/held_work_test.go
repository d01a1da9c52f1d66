package checkout

import (
	"context"
	"testing"
	"time"

	"antom-checkout/antom/sandbox"
)

// An action's call to Antom runs to its end when the request that asked
// for it goes away mid-call (a browser closed or stopped): a refund Antom
// is slow to answer, its request cancelled while the call is out, is made
// and recorded made — not left processing with its outcome unknown, for
// the reconciler to find Antom with no record of it and close it as
// failed by us.
func TestHeldWorkOutlivesItsRequest(t *testing.T) {
	e := newEnv(t, Options{})
	o, _ := paidOrder(t, e, "gone-mid-call@example.com")
	e.sb.Faults().SetAPI("payments/refund", sandbox.APIFault{Latency: 300 * time.Millisecond})
	key, err := NewRefundKey()
	check(t, err)
	ctx, cancel := context.WithCancel(e.ctx)
	defer cancel()
	// The browser goes away while Antom is answering: once the refund is
	// stored (its call goes out next, and Antom takes 300 ms to answer),
	// not at a fixed time, which a slow disk may reach before the refund
	// is even stored.
	paid, err := e.db.OrderByRef(e.ctx, o.Ref)
	check(t, err)
	go func() {
		for ctx.Err() == nil {
			if rs, err := e.db.OrderRefunds(e.ctx, paid.ID); err == nil && len(rs) > 0 {
				cancel()
				return
			}
			time.Sleep(time.Millisecond)
		}
	}()
	info, _, err := e.svc.RefundOrder(ctx, staffActor, o.Ref, RefundInput{Amount: "5", Reason: "customer asked", Key: key})
	if ctx.Err() == nil {
		t.Fatalf("the request was not cancelled mid-call (refund: %v)", err)
	}
	// Sent, it answers the refund, not the request's end: an error would
	// have staff start a new form and refund again.
	if err != nil || info.Status != RefundSuccess {
		t.Errorf("the refund sent, its request gone mid-call, answered %+v, %v; want it made", info, err)
	}
	refunds := e.adminOrder(o.Ref).Refunds
	if len(refunds) != 1 || refunds[0].Status != RefundSuccess || refunds[0].RefundID == "" {
		t.Fatalf("the refund after its request went away mid-call: %+v, want one, made", refunds)
	}
}
