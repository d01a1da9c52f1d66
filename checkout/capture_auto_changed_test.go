package checkout

import (
	"strings"
	"testing"

	"antom-checkout/antom"
	"antom-checkout/db"
)

// Antom's automatic capture of a card payment whose cancel it confirmed
// marks the payment paid before the cancel — with a write that checks
// the attempt is still as it was read. If it changed in between (here:
// marked so already once it was read), nothing was applied, and the
// capture's verdict says so: not "applied" with the reason of a change
// it did not make (the notify review's "rare race").
func TestAutomaticCaptureAfterItsAttemptChangedIsNotApplied(t *testing.T) {
	e := newEnv(t, Options{})
	b := e.buyer("auto-changed@example.com")
	a := e.waitingCard(b)
	const paymentID = "PAY-CHANGED"
	changed, err := e.db.SettleAttempt(e.ctx, a.ID, db.AttemptProcessing, "", db.Settlement{Status: db.AttemptCancelled,
		Code: antom.CodeOrderIsCanceled, PaymentID: paymentID, Source: db.SourceAntom}, e.svc.now())
	check(t, err)
	assertEqual(t, changed, true, "cancelled at Antom")
	read, err := e.db.AttemptByID(e.ctx, a.ID) // as the capture reads it
	check(t, err)
	assertEqual(t, attemptState(read), stateCancelled, "the attempt as read")
	o, err := e.db.OrderByID(e.ctx, a.OrderID)
	check(t, err)
	// Meanwhile the attempt changes: its SUCCESS came, paid before the cancel.
	changed, err = e.db.PaidBeforeCancel(e.ctx, a.ID, e.svc.now(), paymentID, e.svc.now())
	check(t, err)
	assertEqual(t, changed, true, "paid before the cancel, meanwhile")

	n := antom.NotifyCapture{NotifyType: antom.NotifyCaptureResult, CaptureRequestID: "AUTO-CHANGED", PaymentID: paymentID,
		CaptureID: "CAPID-CHANGED", CaptureAmount: antom.MinorAmount(a.Currency, a.Amount),
		Result: antom.Result{ResultCode: "SUCCESS", ResultStatus: "S", ResultMessage: "success"}}
	var out outcome
	check(t, e.db.Tx(e.ctx, func(q *db.Queries) error {
		out, err = e.svc.applyAutoCaptureRule(e.ctx, q, read, o, n)
		return err
	}))
	if out.verdict == VerdictApplied || !strings.Contains(out.detail, "the attempt changed meanwhile") {
		t.Fatalf("the capture after its attempt changed: %s (%s), want not applied, saying the attempt changed", out.verdict, out.detail)
	}
}
