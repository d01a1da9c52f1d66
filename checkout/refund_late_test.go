package checkout

import (
	"testing"
	"time"

	"antom-checkout/antom"
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

// A refund we closed as never created stays watched: when Antom does
// make it after all (the lost request arrives late) and no notification
// reaches us, the reconciler's inquiryRefund turns it to SUCCESS.
func TestRefundClosedByUsIsWatchedByTheReconciler(t *testing.T) {
	e := newEnv(t, Options{})
	o, _ := paidOrder(t, e, "watchref@example.com")
	other, _ := paidOrder(t, e, "watchref2@example.com")
	e.sb.Faults().SetAPI("payments/refund", sandbox.APIFault{UnknownNext: 2 * refundTries})
	e.sb.Faults().SetNotify(sandbox.NotifyFault{DropNext: 100})
	r, err := e.refund(o.Ref, "37")
	check(t, err)
	_, err = e.refund(other.Ref, "37")
	check(t, err)
	for _, at := range []time.Duration{3 * time.Second, 19 * time.Second, 35 * time.Second} {
		e.later(at)
		check(t, e.svc.Reconcile(e.ctx))
	}
	assertEqual(t, e.adminOrder(o.Ref).Refunds[0].Status, RefundFail, "refund closed by us")

	// Antom has no such refund yet: still watched, nothing changes.
	e.later(35*time.Second + firstWatch)
	check(t, e.svc.Reconcile(e.ctx))
	assertEqual(t, e.adminOrder(o.Ref).Refunds[0].Status, RefundFail, "refund while Antom has none")

	// The lost request reaches Antom after all.
	_, err = e.svc.antom.Refund(e.ctx, &antom.RefundRequest{RefundRequestID: r.RefundRequestID,
		PaymentID: e.attempt(o.Ref).PaymentID, RefundAmount: antom.MinorAmount("USD", 3700)})
	check(t, err)
	e.later(35*time.Second + firstWatch + maxWatchPause)
	check(t, e.svc.Reconcile(e.ctx))
	d := e.adminOrder(o.Ref)
	assertEqual(t, d.Refunds[0].Status, RefundSuccess, "refund after the reconciler")
	assertEqual(t, d.Refundable, Money{"USD", 0}, "refundable")
	if !e.timelineHas(o.Ref, "watching a refund we closed") {
		t.Fatal("the timeline does not say why")
	}

	// Past the watch, a refund we closed is no longer asked about.
	assertEqual(t, e.adminOrder(other.Ref).Refunds[0].Status, RefundFail, "the other refund")
	before := e.sb.Calls("payments/inquiryRefund")
	e.later(lateWatch + time.Hour)
	check(t, e.svc.Reconcile(e.ctx))
	check(t, e.svc.Reconcile(e.ctx))
	assertEqual(t, e.sb.Calls("payments/inquiryRefund"), before, "inquiries past the watch")
}
