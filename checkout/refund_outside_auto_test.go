package checkout

import (
	"strings"
	"testing"
	"time"

	"antom-checkout/antom"
	"antom-checkout/antom/sandbox"
	"antom-checkout/db"
)

// An automatic refund (a late success of an order another payment had
// paid) that Antom refuses REFUND_AMOUNT_EXCEED because the payment was
// refunded outside this app (in Antom Dashboard) goes the staff refund's
// way: the outside refund is taken into the books, and the automatic
// refund owes nothing — not "failed, to be returned another way" on the
// buyer's page, the dashboard and staff's order page.
func TestAutomaticRefundRefusedForAnOutsideRefund(t *testing.T) {
	e := newEnvScaled(t, Options{}, 1)
	b, wallet, _ := payer(t, e, "auto-outside@example.com")
	o, first := e.closedByUs(b, wallet)
	_, err := e.svc.PayWithWallet(e.ctx, b.ID, o.Ref, wallet, antom.Env{})
	check(t, err)
	second := e.attempt(o.Ref)
	check(t, e.sb.SettlePayment(e.ctx, second.PaymentID, true))
	e.waitOrder(b, o.Ref, db.OrderPaid)

	// The late success reaches Antom's books, and someone refunds it in
	// Antom Dashboard, before we hear of either.
	e.sb.Faults().SetNotify(sandbox.NotifyFault{DropNext: 100})
	check(t, e.sb.SettlePayment(e.ctx, first.PaymentID, true))
	resp, err := e.svc.antom.Refund(e.ctx, &antom.RefundRequest{RefundRequestID: "EXT-AUTO-1",
		PaymentID: first.PaymentID, RefundAmount: antom.MinorAmount(first.Currency, first.Amount)})
	check(t, err)
	assertEqual(t, resp.RefundTime != "", true, "refunded at Antom")
	e.later(10 * time.Minute) // the reconciler finds the late success
	check(t, e.svc.Reconcile(e.ctx))
	e.svc.Wait()

	var auto db.Refund
	rs, err := e.db.OrderRefunds(e.ctx, e.attempt(o.Ref).OrderID)
	check(t, err)
	for _, r := range rs {
		if r.Automatic {
			auto = r
		}
	}
	assertEqual(t, auto.Status+"/"+auto.ResultCode, "FAIL/"+antom.CodeRefundAmountExceed, "the automatic refund")
	assertEqual(t, auto.OutsideTook, true, "refused for the outside refund")
	if !strings.Contains(e.refundInfoOf(o.Ref, auto.RefundRequestID).Words, "EXT-AUTO-1") {
		t.Fatal("staff's words do not name the outside refund")
	}
	if !e.timelineHas(o.Ref, "refund "+auto.RefundRequestID+" refused REFUND_AMOUNT_EXCEED because refunds made outside this app (EXT-AUTO-1) had taken that amount") {
		t.Fatal("the timeline does not say the outside refund explains it")
	}
	d, err := e.svc.AdminDashboard(e.ctx)
	check(t, err)
	assertEqual(t, d.AutoRefundsOpen, 0, "automatic refunds not done")
	res := e.result(Viewer{BuyerID: b.ID}, o.Ref)
	assertEqual(t, len(res.GivenBack), 1, "given back")
	assertEqual(t, res.GivenBack[0].State, GivenBackRefunded, "given back")
}
