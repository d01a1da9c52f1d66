package checkout

import (
	"testing"

	"antom-checkout/antom"
	"antom-checkout/antom/sandbox"
	"antom-checkout/db"
)

// attemptRefundFigures reads what a paid attempt's money became, the same
// through the database and inside a transaction, and the same as the
// reads it replaced (paidAmount, RefundTotals, HandledRefundTotal): for a
// manual capture what was captured is what was paid; a refund that
// succeeded, one still processing and a failed one settled another way
// each count as theirs; the admin page shows the same.
func TestRefundFiguresOfAManualCapture(t *testing.T) {
	e := newEnv(t, Options{CaptureMode: antom.CaptureManual})
	b := e.buyer("figures@example.com")
	o := e.authorizedOrder(b, "teapot") // ¥5,800
	check(t, e.svc.Capture(e.ctx, staffActor, o.Ref, 5000))
	e.waitOrder(b, o.Ref, db.OrderPaid)
	a := e.attempt(o.Ref)
	e.assertFigures(a, refundFigures{Paid: 5000}, 5000, "captured ¥5,000 of ¥5,800")

	_, err := e.refund(o.Ref, "1000")
	check(t, err)
	e.assertFigures(a, refundFigures{Paid: 5000, Refunded: 1000}, 4000, "a refund made")

	// Refunded at Antom outside our books: our next refund fails, Antom
	// cannot be asked about it then (so it stays outside the books), and
	// staff settle it with the buyer another way.
	_, err = e.svc.antom.Refund(e.ctx, &antom.RefundRequest{RefundRequestID: "RF-ELSEWHERE-1",
		PaymentID: a.PaymentID, RefundAmount: antom.MinorAmount("JPY", 3500)})
	check(t, err)
	e.sb.Faults().SetAPI("payments/inquiryPayment", sandbox.APIFault{ServerErrorNext: 1})
	failed, err := e.refund(o.Ref, "600")
	check(t, err)
	assertEqual(t, failed.Status, RefundFail, "the refund over what Antom has left")
	e.assertFigures(a, refundFigures{Paid: 5000, Refunded: 1000}, 4000, "a failed refund takes nothing")
	check(t, e.svc.HandleFailedRefund(e.ctx, staffActor, o.Ref, failed.ID, "cash at the till", ""))
	e.assertFigures(a, refundFigures{Paid: 5000, Refunded: 1000, Handled: 600}, 3400, "settled another way")

	e.sb.Faults().SetAPI("payments/refund", sandbox.APIFault{UnknownNext: refundTries})
	_, err = e.refund(o.Ref, "200")
	check(t, err)
	e.assertFigures(a, refundFigures{Paid: 5000, Refunded: 1000, Processing: 200, Handled: 600}, 3200, "one processing")
}

// For a payment taken at once, what was paid is the attempt's amount.
func TestRefundFiguresOfAWalletPayment(t *testing.T) {
	e := newEnv(t, Options{})
	o, _ := paidOrder(t, e, "figures.wallet@example.com") // $37.00
	a := e.attempt(o.Ref)
	e.assertFigures(a, refundFigures{Paid: 3700}, 3700, "paid")
	_, err := e.refund(o.Ref, "37")
	check(t, err)
	e.assertFigures(a, refundFigures{Paid: 3700, Refunded: 3700}, 0, "all refunded")
}

// assertFigures checks a's refund figures and what is left to refund.
func (e *env) assertFigures(a db.Attempt, want refundFigures, left int64, what string) {
	t := e.t
	t.Helper()
	got, err := attemptRefundFigures(e.ctx, e.db.Queries, a)
	check(t, err)
	assertEqual(t, got, want, what+": figures")
	assertEqual(t, got.Left(), left, what+": left to refund")
	check(t, e.db.Tx(e.ctx, func(q *db.Queries) error {
		got, err := attemptRefundFigures(e.ctx, q, a)
		assertEqual(t, got, want, what+": figures in a transaction")
		return err
	}))
	paid, err := paidAmount(e.ctx, e.db.Queries, a)
	check(t, err)
	refunded, processing, err := e.db.RefundTotals(e.ctx, a.ID)
	check(t, err)
	handled, err := e.db.HandledRefundTotal(e.ctx, a.ID)
	check(t, err)
	assertEqual(t, refundFigures{Paid: paid, Refunded: refunded, Processing: processing, Handled: handled}, want, what+": the reads one by one")
	o, err := e.db.OrderByID(e.ctx, a.OrderID)
	check(t, err)
	d := e.adminOrder(o.Ref)
	assertEqual(t, [4]int64{d.Paid.Minor, d.Refunded.Minor, d.Refunding.Minor, d.Refundable.Minor},
		[4]int64{want.Paid, want.Refunded, want.Processing, left}, what+": the admin page")
}
