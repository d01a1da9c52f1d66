package checkout

import (
	"testing"
	"time"

	"antom-checkout/antom/sandbox"
)

// The fresh-user trial: a $10 refund of $37 paid stays processing (its
// request never reached Antom); staff refund the $27 the form offers, and
// it is done; then the reconciler closes the $10 as failed. The $27 was
// made before the $10 failed, so it does not make it good: the $10 is an
// open failure, owed $10 (all that may still be refunded), on the order
// page, the dashboard, the filter and the buyer's page alike — until a
// refund made after it failed makes it good.
func TestRefundMadeWhileAnotherProcessedDoesNotMakeItsFailureGood(t *testing.T) {
	e := newEnv(t, Options{})
	o, _ := paidOrder(t, e, "failorder@example.com")
	e.sb.Faults().SetAPI("payments/refund", sandbox.APIFault{UnknownNext: refundTries})
	e.sb.Faults().SetNotify(sandbox.NotifyFault{DropNext: 100})
	first, err := e.refund(o.Ref, "10")
	check(t, err)
	assertEqual(t, first.Status, RefundProcessing, "the $10, unanswered")
	e.sb.Faults().SetAPI("payments/refund", sandbox.APIFault{})
	e.sb.SetRefundDelay(time.Hour)
	second, err := e.refund(o.Ref, "27")
	check(t, err)
	e.notifyRefund(second, "SUCCESS")
	usd := func(n int64) Money { return Money{"USD", n} }
	assertDeep(t, e.refundTruth(o), []any{
		[]any{RefundProcessing, false, false, "", RefundSuccess, false, false, ""},
		usd(0), 0, 0, 0, 0, 0, usd(0), usd(0)}, "the $10 processing, the $27 done")

	for _, at := range []time.Duration{3 * time.Second, 19 * time.Second, 35 * time.Second} {
		e.later(at)
		check(t, e.svc.Reconcile(e.ctx))
	}
	assertDeep(t, e.refundTruth(o), []any{
		[]any{RefundFail, true, false, "", RefundSuccess, false, false, ""},
		usd(1000), 1, 0, 0, 1, 0, usd(1000), usd(0)}, "the $10 closed as failed after the $27 was made")

	e.lookedUpAbsent(first) // closed by us: new refunds wait for the lookup (needsLookup)
	third, err := e.refund(o.Ref, "10")
	check(t, err)
	assertDeep(t, e.refundTruth(o), []any{
		[]any{RefundFail, false, false, "", RefundSuccess, false, false, "", RefundProcessing, false, false, ""},
		usd(0), 0, 0, 0, 0, 0, usd(0), usd(0)}, "$10 refunded again after it failed, processing")
	e.notifyRefund(third, "SUCCESS")
	assertDeep(t, e.refundTruth(o), []any{
		[]any{RefundFail, false, false, "", RefundSuccess, false, false, "", RefundSuccess, false, false, ""},
		usd(0), 0, 0, 0, 0, 0, usd(0), usd(0)}, "$10 refunded again, done")
	assertEqual(t, e.adminOrder(o.Ref).Refunded, usd(3700), "all refunded, once")
}
