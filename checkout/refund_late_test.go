package checkout

import (
	"testing"
	"time"

	"antom-checkout/antom/sandbox"
)

// A refund we closed ourselves (Antom showed no such refund three times)
// that Antom then reports done is SUCCESS: staff must not refund it again.
func TestLateRefundSuccessIsApplied(t *testing.T) {
	e := newEnv(t, Options{})
	o, _ := paidOrder(t, e, "lateref@example.com")
	e.sb.Faults().SetAPI("payments/refund", sandbox.APIFault{UnknownNext: refundTries})
	r, err := e.refund(o.Ref, "37")
	check(t, err)
	for _, at := range []time.Duration{3 * time.Second, 19 * time.Second, 35 * time.Second} {
		e.later(at)
		check(t, e.svc.Reconcile(e.ctx))
	}
	assertEqual(t, e.adminOrder(o.Ref).Refunds[0].Status, RefundFail, "refund closed by us")
	r.RefundID = "RFID-LATE"
	v, err := e.svc.ReceiveNotification(e.ctx, Inbound{Body: refundBody(r, "SUCCESS", 3700)})
	check(t, err)
	assertEqual(t, v, VerdictApplied, "verdict")
	d := e.adminOrder(o.Ref)
	assertEqual(t, d.Refunds[0].Status, RefundSuccess, "refund")
	assertEqual(t, d.Refundable, Money{"USD", 0}, "refundable")
}
