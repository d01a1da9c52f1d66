package checkout

import (
	"testing"
	"time"

	"antom-checkout/antom"
	"antom-checkout/antom/sandbox"
)

// A fresh-user trial: a $1 refund whose request never reached Antom is
// closed as failed by the reconciler (no such refund, three times);
// staff try it again and the retry is made; then the lost request
// reaches Antom after all and the reconciler, still watching, sees it
// SUCCESS. The buyer got $1 twice (the sandbox's wallet agrees), and
// every place that reports refunds paid twice says so: the order page
// flags the retry with the refund Antom made too, the dashboard counts
// it once, the orders filter lists the order.
func TestRetriedRefundMadeAfterAllIsPaidTwice(t *testing.T) {
	e := newEnv(t, Options{})
	o, login := paidOrder(t, e, "retrytwice@example.com")
	before, err := e.sb.Balance(e.ctx, login, "USD")
	check(t, err)
	e.sb.Faults().SetAPI("payments/refund", sandbox.APIFault{UnknownNext: refundTries})
	e.sb.Faults().SetNotify(sandbox.NotifyFault{DropNext: 100})
	first, err := e.refund(o.Ref, "1")
	check(t, err)
	for _, at := range []time.Duration{3 * time.Second, 19 * time.Second, 35 * time.Second} {
		e.later(at)
		check(t, e.svc.Reconcile(e.ctx))
	}
	assertEqual(t, e.adminOrder(o.Ref).Refunds[0].Status, RefundFail, "the refund closed by us")
	// Refunds answer again; notifications stay dropped: the answers and
	// the reconciler's inquiries settle both refunds, and no notification
	// is handled while the test moves the clock (e.later).
	e.sb.Faults().SetAPI("payments/refund", sandbox.APIFault{})
	e.lookedUpAbsent(first) // Antom had none then, and makes it later
	retry, err := e.retry(o.Ref, first.ID)
	check(t, err)
	assertEqual(t, retry.Status, RefundSuccess, "the retry")
	twice := func(want bool, what string) {
		t.Helper()
		d := e.adminOrder(o.Ref)
		var flags []any
		for _, r := range d.Refunds {
			flags = append(flags, r.PaidTwice, r.TwiceWith)
		}
		wantFlags := []any{false, "", false, ""}
		n, listed := 0, 0
		if want {
			wantFlags = []any{false, "", true, first.RefundRequestID}
			n, listed = 1, 1
		}
		dash, err := e.svc.AdminDashboard(e.ctx)
		check(t, err)
		l, err := e.svc.AdminOrders(e.ctx, OrderFilter{Status: FilterRefundPaidTwice})
		check(t, err)
		assertDeep(t, []any{flags, dash.RefundsPaidTwice, dash.RefundsMaybeTwice, len(l.Items)},
			[]any{wantFlags, n, 0, listed}, what+": the order's flags, the dashboard's count (maybe), listed")
	}
	twice(false, "retried, made once")

	// The lost request reaches Antom; the reconciler's watch sees it made.
	_, err = e.svc.antom.Refund(e.ctx, &antom.RefundRequest{RefundRequestID: first.RefundRequestID,
		PaymentID: e.attempt(o.Ref).PaymentID, RefundAmount: antom.MinorAmount("USD", 100)})
	check(t, err)
	e.later(35*time.Second + firstWatch + maxWatchPause)
	check(t, e.svc.Reconcile(e.ctx))
	e.svc.Wait()
	d := e.adminOrder(o.Ref)
	assertDeep(t, []any{d.Refunds[0].Status, d.Refunded}, []any{RefundSuccess, Money{"USD", 200}}, "made after all: refunded twice")
	twice(true, "the original made after all")
	after, err := e.sb.Balance(e.ctx, login, "USD")
	check(t, err)
	assertEqual(t, after-before, int64(200), "the wallet got $1 twice")
}
