package checkout

import (
	"encoding/json"
	"strings"
	"testing"
	"time"

	"antom-checkout/antom"
	"antom-checkout/db"
)

// captureNotice is a CAPTURE_RESULT S for captureRequestId reqID of
// paymentID, captureId capID, with amount (the zero Amount: none).
func captureNotice(t *testing.T, reqID, paymentID, capID string, amount antom.Amount) []byte {
	t.Helper()
	b, err := json.Marshal(antom.NotifyCapture{
		NotifyType: antom.NotifyCaptureResult, CaptureRequestID: reqID, PaymentID: paymentID,
		CaptureID: capID, CaptureAmount: amount, CaptureTime: time.Now().UTC().Format(time.RFC3339),
		Result: antom.Result{ResultCode: "SUCCESS", ResultStatus: "S", ResultMessage: "success"},
	})
	check(t, err)
	return b
}

// A CAPTURE_RESULT for a capture of ours is applied only with a
// captureAmount that is the one we asked for. Without one it cannot be
// checked, so, as a REFUND_RESULT without refundAmount, it is quarantined
// and settles nothing; with another value or currency it is quarantined
// too, naming both amounts. The capture stays PROCESSING (the
// reconciler's inquiryPayment settles it), the order AUTHORIZED, and the
// inbox row says why, links the order and can be replayed.
func TestCaptureResultWithoutOrWithAnotherAmountIsQuarantined(t *testing.T) {
	for _, tc := range []struct {
		name   string
		amount antom.Amount
		says   string
	}{
		{"none", antom.Amount{}, "CAPTURE_RESULT without captureAmount: not applied unchecked (the capture's is ¥5,000)"},
		{"value", antom.MinorAmount("JPY", 5800), "captureAmount 5800 JPY does not match the capture's ¥5,000: not applied"},
		{"currency", antom.MinorAmount("USD", 5000), "captureAmount 5000 USD does not match the capture's ¥5,000: not applied"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			e := newEnv(t, Options{CaptureMode: antom.CaptureManual})
			o := e.authorized("capture-amount-" + tc.name + "@example.com")
			c := e.unknownCapture(o.Ref, 5000)
			body := captureNotice(t, c.CaptureRequestID, e.attempt(o.Ref).PaymentID, "CAP-ID-1", tc.amount)
			v, err := e.svc.ReceiveNotification(e.ctx, Inbound{Body: body})
			check(t, err)
			assertEqual(t, v, VerdictQuarantined, "CAPTURE_RESULT S with amount "+tc.name)
			assertEqual(t, e.lastCapture(o.Ref).Status, db.CaptureProcessing, "the capture")
			row, err := e.db.OrderByRef(e.ctx, o.Ref)
			check(t, err)
			assertEqual(t, row.Status, db.OrderAuthorized, "the order")

			rows := e.captureRowsNow(0)
			entry, err := e.svc.NotificationEntry(e.ctx, rows[len(rows)-1].ID)
			check(t, err)
			assertEqual(t, entry.Verdict, VerdictQuarantined, "the inbox row")
			assertEqual(t, entry.Detail, tc.says, "the inbox row's detail")
			assertEqual(t, entry.OrderRef, o.Ref, "the inbox row's order")
			assertEqual(t, entry.Replayable, true, "the inbox row replayable")
			if !e.timelineHas(o.Ref, tc.says) {
				t.Fatal("the order's timeline does not say why the capture's notification was not applied")
			}
		})
	}
}

// Antom's automatic capture of a card payment is recorded as applied
// only with a captureAmount that is the payment's: without one it is
// quarantined and nothing of it is recorded (no automatic capture on the
// order's timeline).
func TestAutomaticCaptureWithoutAmountIsQuarantined(t *testing.T) {
	e := newEnv(t, Options{})
	b := e.buyer("auto-no-amount@example.com")
	o := e.order(b, "mug", 1)
	_, paymentID := e.startCard(Viewer{BuyerID: b.ID}, o.Ref, false, 0)
	check(t, e.sb.PayCard(e.ctx, paymentID, "4242424242424242"))
	e.waitOrder(b, o.Ref, db.OrderPaid)
	e.verdicts("CAPTURE_RESULT", 1)
	before, err := e.db.Events(e.ctx, OrderSubject(o.Ref))
	check(t, err)

	body := captureNotice(t, "AUTO-NO-AMOUNT", paymentID, "CAPID-NO-AMOUNT", antom.Amount{})
	v, err := e.svc.ReceiveNotification(e.ctx, Inbound{Body: body})
	check(t, err)
	assertEqual(t, v, VerdictQuarantined, "an automatic CAPTURE_RESULT without captureAmount")
	rows := e.captureRowsNow(0)
	last := rows[len(rows)-1]
	if !strings.Contains(last.Detail, "automatic CAPTURE_RESULT without captureAmount: not applied unchecked") {
		t.Fatalf("the inbox row says %q", last.Detail)
	}
	after, err := e.db.Events(e.ctx, OrderSubject(o.Ref))
	check(t, err)
	for _, ev := range after[len(before):] {
		if strings.Contains(ev.Detail, "automatic capture, as expected") {
			t.Fatalf("the capture without an amount was recorded as expected news: %q", ev.Detail)
		}
	}
}
