package checkout

import (
	"testing"
	"time"

	"antom-checkout/antom/sandbox"
)

// A faster reconciler asks again about a refund Antom has no record of
// sooner in proportion, as it runs the backoffs (Service.scaled): every
// 1.5 s behind one every 200 ms, not 15 s (the end-to-end tests and the
// proofs run such a reconciler, and waited 30 s of wall time for each
// refund they closed as never created). The third ORDER_NOT_EXIST still
// closes it, and not a moment before its pause is over. At the default
// period the pause stays 15 s (TestRefundClosedByUsIsWatchedByTheReconciler).
func TestRefundNotFoundPauseFollowsTheReconciler(t *testing.T) {
	e := newEnv(t, Options{ReconcileEvery: 200 * time.Millisecond})
	o, _ := paidOrder(t, e, "notfound-pause@example.com")
	e.sb.Faults().SetAPI("payments/refund", sandbox.APIFault{UnknownNext: refundTries})
	e.sb.Faults().SetNotify(sandbox.NotifyFault{DropNext: 100})
	_, err := e.refund(o.Ref, "37")
	check(t, err)
	clock := e.freezeClock()
	asks := func() int { return e.sb.Calls("payments/inquiryRefund") }

	first := firstRefundCheck + time.Second
	clock.set(first)
	check(t, e.svc.Reconcile(e.ctx))
	assertEqual(t, asks(), 1, "inquiries once the refund is due")
	if !e.timelineHas(o.Ref, "Antom has no such refund yet; asking again in 1.5 s") {
		t.Fatal("the timeline does not say when it asks again")
	}
	for i, at := range []time.Duration{first + 1500*time.Millisecond, first + 3000*time.Millisecond} {
		clock.set(at - 100*time.Millisecond)
		check(t, e.svc.Reconcile(e.ctx))
		assertEqual(t, asks(), i+1, "inquiries before the pause is over")
		clock.set(at)
		check(t, e.svc.Reconcile(e.ctx))
		assertEqual(t, asks(), i+2, "inquiries once the pause is over")
	}
	assertEqual(t, e.adminOrder(o.Ref).Refunds[0].Status, RefundFail, "refund after three ORDER_NOT_EXIST")
}
