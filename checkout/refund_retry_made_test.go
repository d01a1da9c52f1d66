package checkout

import (
	"errors"
	"strings"
	"testing"
	"time"

	"antom-checkout/antom/sandbox"
)

// refundClosedByUs sends a $1 refund of order ref whose request never reaches
// Antom, and lets the reconciler close it as failed (no such refund,
// three times). Notifications stay dropped; refunds answer again after,
// accepted but still processing (the sandbox settles none by itself):
// the test settles them by notification.
func (e *env) refundClosedByUs(ref string) RefundInfo {
	e.t.Helper()
	e.sb.Faults().SetAPI("payments/refund", sandbox.APIFault{UnknownNext: refundTries})
	e.sb.Faults().SetNotify(sandbox.NotifyFault{DropNext: 100})
	first, err := e.refund(ref, "1")
	check(e.t, err)
	for _, at := range []time.Duration{3 * time.Second, 19 * time.Second, 35 * time.Second} {
		e.later(at)
		check(e.t, e.svc.Reconcile(e.ctx))
	}
	assertEqual(e.t, e.adminOrder(ref).Refunds[0].Status, RefundFail, "the refund closed by us")
	e.sb.Faults().SetAPI("payments/refund", sandbox.APIFault{})
	e.sb.SetRefundDelay(time.Hour)
	return first
}

// notifyRefund applies a notifyRefund of r with status (SUCCESS, FAIL).
func (e *env) notifyRefund(r RefundInfo, status string) {
	e.t.Helper()
	v, err := e.svc.ReceiveNotification(e.ctx, Inbound{Body: refundBody(r, status, r.Amount.Minor)})
	check(e.t, err)
	assertEqual(e.t, v, VerdictApplied, "notifyRefund "+status+" of "+r.RefundRequestID)
}

// refundTruth is what every place that reports an order's refunds says:
// the order page (each refund's open failure and paid-twice flag, what
// failed refunds leave owed), the dashboard (failed, paid twice, maybe
// twice), the two filters, the buyer's page (what failed, what was
// settled another way).
func (e *env) refundTruth(o Order) []any {
	e.t.Helper()
	d := e.adminOrder(o.Ref)
	var flags []any
	for _, r := range d.Refunds {
		flags = append(flags, r.Status, r.OpenFailure, r.PaidTwice, r.TwiceWith)
	}
	dash, err := e.svc.AdminDashboard(e.ctx)
	check(e.t, err)
	failed, err := e.svc.AdminOrders(e.ctx, OrderFilter{Status: FilterRefundFailed})
	check(e.t, err)
	twice, err := e.svc.AdminOrders(e.ctx, OrderFilter{Status: FilterRefundPaidTwice})
	check(e.t, err)
	res, err := e.svc.OrderResult(e.ctx, Viewer{BuyerID: o.BuyerID}, o.Ref)
	check(e.t, err)
	return []any{flags, d.RefundFailed, dash.RefundsFailed, dash.RefundsPaidTwice, dash.RefundsMaybeTwice,
		len(failed.Items), len(twice.Items), res.RefundFailed, res.RefundHandled}
}

// A refund closed by us is tried again; Antom makes the original after
// all while the retry is processing (flagged: the buyer may get it
// twice); then the retry fails. The original paid the buyer: nothing is
// owed, the failed retry is no open failure (it cannot be retried or
// settled another way, and staff are told why), nothing is paid twice —
// on the order page, the dashboard, the filters and the buyer's page.
func TestFailedRetryOfARefundMadeAfterAllIsOwedNothing(t *testing.T) {
	e := newEnv(t, Options{})
	o, _ := paidOrder(t, e, "retrymade@example.com")
	first := e.refundClosedByUs(o.Ref)
	e.lookedUpAbsent(first) // Antom had none then, and makes it later
	retry, err := e.retry(o.Ref, first.ID)
	check(t, err)
	assertEqual(t, retry.Status, RefundProcessing, "the retry")
	first.RefundID = "RFID-LATE"
	e.notifyRefund(first, "SUCCESS")
	usd := func(n int64) Money { return Money{"USD", n} }
	assertDeep(t, e.refundTruth(o), []any{
		[]any{RefundSuccess, false, false, "", RefundProcessing, false, true, first.RefundRequestID},
		usd(0), 0, 1, 1, 0, 1, usd(0), usd(0)}, "the original made after all, the retry processing")

	e.notifyRefund(retry, "FAIL")
	assertDeep(t, e.refundTruth(o), []any{
		[]any{RefundSuccess, false, false, "", RefundFail, false, false, ""},
		usd(0), 0, 0, 0, 0, 0, usd(0), usd(0)}, "the retry failed")
	var conflict *ConflictError
	for what, err := range map[string]error{
		"settle it another way": e.svc.HandleFailedRefund(e.ctx, staffActor, o.Ref, retry.ID, "cash", ""),
		"try it again":          func() error { _, err := e.retry(o.Ref, retry.ID); return err }(),
	} {
		if !errors.As(err, &conflict) || !strings.Contains(conflict.Message, "which Antom made after all") {
			t.Fatalf("%s: %v, want a conflict saying the original was made", what, err)
		}
	}
	assertEqual(t, e.adminOrder(o.Ref).Refunded, usd(100), "refunded once")
}

// A refund closed by us is tried again; the retry fails and staff
// settle it with the buyer another way; then Antom makes the original
// after all. The buyer got that money twice: the retry is flagged paid
// twice (naming the original) on the order page, counted on the
// dashboard, listed by the filter; nothing is owed.
func TestRetrySettledAnotherWayThenMadeIsPaidTwice(t *testing.T) {
	e := newEnv(t, Options{})
	o, _ := paidOrder(t, e, "retryhandled@example.com")
	first := e.refundClosedByUs(o.Ref)
	e.lookedUpAbsent(first) // Antom had none then, and makes it later
	retry, err := e.retry(o.Ref, first.ID)
	check(t, err)
	e.notifyRefund(retry, "FAIL")
	check(t, e.svc.HandleFailedRefund(e.ctx, staffActor, o.Ref, retry.ID, "bank transfer", ""))
	usd := func(n int64) Money { return Money{"USD", n} }
	assertDeep(t, e.refundTruth(o), []any{
		[]any{RefundFail, false, false, "", RefundFail, false, false, ""},
		usd(0), 0, 0, 0, 0, 0, usd(0), usd(100)}, "the retry failed and settled another way")

	first.RefundID = "RFID-LATE"
	e.notifyRefund(first, "SUCCESS")
	assertDeep(t, e.refundTruth(o), []any{
		[]any{RefundSuccess, false, false, "", RefundFail, false, true, first.RefundRequestID},
		usd(0), 0, 1, 0, 0, 1, usd(0), usd(100)}, "then the original made after all")
}
