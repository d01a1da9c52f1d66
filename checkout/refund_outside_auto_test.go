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
	o, b, _, auto := e.autoRefundAfterOutside("auto-outside@example.com", "EXT-AUTO-1", 0)
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

// autoRefundAfterOutside makes an order paid twice (a wallet payment we
// closed ourselves that succeeded late, after a second one paid it) whose
// late payment someone refunds in Antom Dashboard (requestID: minor of
// it, all of it when 0) before we hear of either, and lets the
// reconciler find the late success: its automatic refund, Antom refuses
// REFUND_AMOUNT_EXCEED. It returns the order, its buyer, the late payment
// and the automatic refund as the books then hold it.
func (e *env) autoRefundAfterOutside(email, requestID string, minor int64) (Order, Buyer, db.Attempt, db.Refund) {
	t := e.t
	t.Helper()
	b, wallet, _ := payer(t, e, email)
	o, first := e.closedByUs(b, wallet)
	_, err := e.svc.PayWithWallet(e.ctx, b.ID, o.Ref, wallet, antom.Env{})
	check(t, err)
	second := e.attempt(o.Ref)
	check(t, e.sb.SettlePayment(e.ctx, second.PaymentID, true))
	e.waitOrder(b, o.Ref, db.OrderPaid)

	e.sb.Faults().SetNotify(sandbox.NotifyFault{DropNext: 100})
	check(t, e.sb.SettlePayment(e.ctx, first.PaymentID, true))
	if minor == 0 {
		minor = first.Amount
	}
	resp, err := e.svc.antom.Refund(e.ctx, &antom.RefundRequest{RefundRequestID: requestID,
		PaymentID: first.PaymentID, RefundAmount: antom.MinorAmount(first.Currency, minor)})
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
	return o, b, first, auto
}

// An automatic refund only part of which a refund made outside this app
// gave back ($5.00 of a late payment refunded in Antom Dashboard, the
// automatic refund of all of it refused REFUND_AMOUNT_EXCEED) stays
// owed for the rest, and every page says what is true: the part given
// back, and the rest owed — the buyer's page (not the whole amount
// still owed), staff's order page (return the rest, not the whole
// amount) and the dashboard (not done, partly given back outside).
func TestAutomaticRefundPartRefundedOutside(t *testing.T) {
	e := newEnvScaled(t, Options{}, 1)
	o, b, first, auto := e.autoRefundAfterOutside("auto-outside-part@example.com", "EXT-AUTO-PART", 500)
	assertEqual(t, auto.Status+"/"+auto.ResultCode, "FAIL/"+antom.CodeRefundAmountExceed, "the automatic refund")
	assertEqual(t, auto.OutsideTook, false, "the outside refund covers it")
	given, owed := Money{first.Currency, 500}, Money{first.Currency, first.Amount - 500}

	res := e.result(Viewer{BuyerID: b.ID}, o.Ref)
	assertEqual(t, len(res.GivenBack), 1, "given back")
	g := res.GivenBack[0]
	assertDeep(t, []any{g.State, g.Amount, g.Given, g.Owed}, []any{GivenBackPartOutside, Money{first.Currency, first.Amount}, given, owed},
		"the buyer's page: part given back, the rest owed")

	info := e.refundInfoOf(o.Ref, auto.RefundRequestID)
	assertEqual(t, info.OutsideGave, given, "staff's page: what the outside refund gave")

	d, err := e.svc.AdminDashboard(e.ctx)
	check(t, err)
	assertDeep(t, []any{d.AutoRefundsOpen, d.AutoRefundsPartOutside}, []any{1, 1}, "automatic refunds not done, partly given back outside")
}
