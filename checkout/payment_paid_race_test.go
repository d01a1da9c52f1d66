package checkout

import (
	"encoding/json"
	"strings"
	"testing"

	"antom-checkout/antom"
	"antom-checkout/antom/sandbox"
	"antom-checkout/db"
)

// The race a buyer makes by submitting the card form at nearly the
// moment they press "pay another way": Antom takes the payment, then our
// cancel reaches it and gives the money back (API.md §5.5). Whatever
// order our cancel's answer, PAYMENT_RESULT, CAPTURE_RESULT and
// inquiryPayment arrive in, the attempt ends paid then cancelled, the
// order is not paid, the buyer reads that the money went back, staff
// see no quarantine, and no money moves again.

// paidRace starts a card payment (AUTOMATIC capture) whose buyer came
// back from the card page unfinished and then paid on it; Antom's
// notifications are held (delivered by the test in the order it
// chooses). It returns the order, the attempt and the paymentId.
func (e *env) paidRace(email string) (Buyer, Order, string) {
	e.t.Helper()
	e.sb.Faults().SetNotify(sandbox.NotifyFault{DropNext: 100})
	b := e.buyer(email)
	v := Viewer{BuyerID: b.ID}
	o := e.order(b, "mug", 1)
	_, paymentID := e.startCard(v, o.Ref, false, 0)
	check(e.t, e.returnFrom(e.ctx, v, o.Ref))
	assertEqual(e.t, e.result(v, o.Ref).State, ResultCardPage, "back from the card page, not finished")
	check(e.t, e.sb.PayCard(e.ctx, paymentID, "4242424242424242"))
	return b, o, paymentID
}

// payAnotherWayRacing is the buyer's "pay another way" whose inquiry ran
// before the card form was submitted (it learns nothing: answered U), so
// the cancel goes out and reaches a paid payment; Antom answers S.
func (e *env) payAnotherWayRacing(b Buyer, ref string) {
	e.t.Helper()
	e.sb.Faults().SetAPI("payments/inquiryPayment", sandbox.APIFault{UnknownNext: 1})
	got, err := e.svc.PayAnotherWay(e.ctx, Viewer{BuyerID: b.ID}, ref)
	check(e.t, err)
	assertEqual(e.t, got.Status, db.OrderOpen, "order after paying another way")
	e.sb.Faults().SetAPI("payments/inquiryPayment", sandbox.APIFault{})
}

// autoCaptureBody is Antom's CAPTURE_RESULT of its automatic capture of
// attempt a (no captureRequestId of ours).
func autoCaptureBody(a db.Attempt, status string) []byte {
	n := antom.NotifyCapture{NotifyType: antom.NotifyCaptureResult, PaymentID: a.PaymentID,
		CaptureID: "AUTO-" + a.PaymentID, CaptureAmount: antom.MinorAmount(a.Currency, a.Amount),
		CaptureTime: "2026-08-17T12:00:02+08:00",
		Result:      antom.Result{ResultCode: "SUCCESS", ResultStatus: status, ResultMessage: "success"}}
	b, _ := json.Marshal(n)
	return b
}

// receiveAs delivers body and checks its verdict.
func (e *env) receiveAs(body []byte, want, what string) {
	e.t.Helper()
	v, detail := e.receive(body)
	if v != want {
		e.t.Fatalf("%s: verdict %s (%s), want %s", what, v, detail, want)
	}
}

// assertPaidThenCancelled checks every sign of the end all arrival
// orders must reach, and that no money moved twice.
func (e *env) assertPaidThenCancelled(b Buyer, ref, paymentID string) {
	e.t.Helper()
	e.svc.Wait()
	e.assertMoneyReturned(b, ref, paymentID)
	a := e.attempt(ref)
	assertEqual(e.t, a.Status, db.AttemptCancelled, "attempt status")
	if a.PaidAt.IsZero() {
		e.t.Fatal("attempt: no paid time")
	}
	if !a.NextCheckAt.IsZero() {
		e.t.Fatalf("attempt still asked about at %v", a.NextCheckAt)
	}
	r := e.result(Viewer{BuyerID: b.ID}, ref)
	assertEqual(e.t, r.Charged, Money{}, "buyer's page: charged")
	n, err := e.db.CountNotifications(e.ctx, VerdictQuarantined)
	check(e.t, err)
	assertEqual(e.t, n, 0, "quarantined notifications")
	events, err := e.db.Events(e.ctx, OrderSubject(ref))
	check(e.t, err)
	said := 0
	for _, ev := range events {
		if strings.Contains(ev.Detail, "CANCELLED after payment") {
			said++
		}
	}
	assertEqual(e.t, said, 1, "timeline lines saying it was cancelled after payment")
	assertEqual(e.t, e.sb.Calls("payments/cancel"), 1, "cancels sent")
	assertEqual(e.t, e.sb.Calls("payments/refund"), 0, "refunds sent")
}

// Our cancel's S lands first; PAYMENT_RESULT S and CAPTURE_RESULT S
// follow (the trial's order). Told again, each changes nothing.
func TestPaidRaceCancelAnswerFirst(t *testing.T) {
	e := newEnv(t, Options{})
	b, o, paymentID := e.paidRace("race-cancel-first@example.com")
	e.payAnotherWayRacing(b, o.Ref)
	assertEqual(t, attemptState(e.attempt(o.Ref)), stateCancelled, "after the cancel's answer")

	a := e.attempt(o.Ref)
	e.receiveAs(paymentBody(a, "S", a.Amount), VerdictApplied, "PAYMENT_RESULT S after the cancel")
	e.receiveAs(autoCaptureBody(a, "S"), VerdictApplied, "CAPTURE_RESULT S after the cancel")
	e.assertPaidThenCancelled(b, o.Ref, paymentID)

	e.receiveAs(paymentBody(a, "S", a.Amount), VerdictStale, "PAYMENT_RESULT S again")
	e.receiveAs(autoCaptureBody(a, "S"), VerdictDuplicate, "CAPTURE_RESULT S again")
	e.assertPaidThenCancelled(b, o.Ref, paymentID)
}

// The cancel's S first, then the capture, then the payment's result.
func TestPaidRaceCancelAnswerThenCapture(t *testing.T) {
	e := newEnv(t, Options{})
	b, o, paymentID := e.paidRace("race-cancel-capture@example.com")
	e.payAnotherWayRacing(b, o.Ref)
	a := e.attempt(o.Ref)
	e.receiveAs(autoCaptureBody(a, "S"), VerdictApplied, "CAPTURE_RESULT S after the cancel")
	e.assertPaidThenCancelled(b, o.Ref, paymentID)
	e.receiveAs(paymentBody(a, "S", a.Amount), VerdictStale, "PAYMENT_RESULT S last")
	e.assertPaidThenCancelled(b, o.Ref, paymentID)
}

// CAPTURE_RESULT S lands first (the attempt still open), then our
// cancel's S, then PAYMENT_RESULT S.
func TestPaidRaceCaptureFirst(t *testing.T) {
	e := newEnv(t, Options{})
	b, o, paymentID := e.paidRace("race-capture-first@example.com")
	a := e.attempt(o.Ref)
	e.receiveAs(autoCaptureBody(a, "S"), VerdictApplied, "CAPTURE_RESULT S first")
	e.payAnotherWayRacing(b, o.Ref)
	e.assertPaidThenCancelled(b, o.Ref, paymentID)
	e.receiveAs(paymentBody(a, "S", a.Amount), VerdictStale, "PAYMENT_RESULT S last")
	e.assertPaidThenCancelled(b, o.Ref, paymentID)
}

// PAYMENT_RESULT S and CAPTURE_RESULT S land while our cancel is under
// way; its S comes last.
func TestPaidRaceNotificationFirst(t *testing.T) {
	e := newEnv(t, Options{})
	b, o, paymentID := e.paidRace("race-notice-first@example.com")
	a := e.attempt(o.Ref)
	_, err := e.db.RequestCancel(e.ctx, a.ID, "", e.svc.now())
	check(t, err)
	e.receiveAs(paymentBody(a, "S", a.Amount), VerdictApplied, "PAYMENT_RESULT S first")
	e.receiveAs(autoCaptureBody(a, "S"), VerdictApplied, "CAPTURE_RESULT S")
	assertEqual(t, e.result(Viewer{BuyerID: b.ID}, o.Ref).State, ResultPaid, "paid until the cancel lands")
	_, err = e.svc.antom.Cancel(e.ctx, &antom.CancelRequest{PaymentRequestID: a.PaymentRequestID})
	check(t, err)
	e.svc.cancelConfirmed(e.ctx, e.attempt(o.Ref), "buyer chose to pay another way")
	e.assertPaidThenCancelled(b, o.Ref, paymentID)
	e.receiveAs(autoCaptureBody(a, "S"), VerdictDuplicate, "CAPTURE_RESULT S again")
}

// The cancel's S is followed by the capture being told only after the
// cancel landed at Antom: CAPTURE_RESULT S meets an attempt cancelled
// after payment (the SUCCESS-first order) and changes nothing.
func TestPaidRaceCaptureAfterPaidCancel(t *testing.T) {
	e := newEnv(t, Options{})
	b, o, paymentID := e.paidRace("race-capture-last@example.com")
	a := e.attempt(o.Ref)
	_, err := e.db.RequestCancel(e.ctx, a.ID, "", e.svc.now())
	check(t, err)
	e.receiveAs(paymentBody(a, "S", a.Amount), VerdictApplied, "PAYMENT_RESULT S first")
	_, err = e.svc.antom.Cancel(e.ctx, &antom.CancelRequest{PaymentRequestID: a.PaymentRequestID})
	check(t, err)
	e.svc.cancelConfirmed(e.ctx, e.attempt(o.Ref), "buyer chose to pay another way")
	e.receiveAs(autoCaptureBody(a, "S"), VerdictApplied, "CAPTURE_RESULT S after the paid cancel")
	e.assertPaidThenCancelled(b, o.Ref, paymentID)
}

// A CAPTURE_RESULT S came first; the cancel's answer is lost, and the
// reconciler's inquiryPayment says CANCELLED: the recorded capture shows
// it was paid first.
func TestPaidRaceCaptureThenInquiryCancelled(t *testing.T) {
	e := newEnv(t, Options{})
	b, o, paymentID := e.paidRace("race-inquiry@example.com")
	a := e.attempt(o.Ref)
	e.receiveAs(autoCaptureBody(a, "S"), VerdictApplied, "CAPTURE_RESULT S first")
	_, err := e.svc.antom.Cancel(e.ctx, &antom.CancelRequest{PaymentRequestID: a.PaymentRequestID}) // its answer never reaches us
	check(t, err)
	resp, err := e.svc.antom.InquiryPayment(e.ctx, &antom.InquiryPaymentRequest{PaymentRequestID: a.PaymentRequestID})
	check(t, err)
	assertEqual(t, resp.PaymentStatus, antom.PaymentCancelled, "inquiry")
	assertEqual(t, e.svc.applyInquiry(e.ctx, e.attempt(o.Ref), resp, "test"), true, "inquiry applied")
	e.assertPaidThenCancelled(b, o.Ref, paymentID)
	e.receiveAs(paymentBody(a, "S", a.Amount), VerdictStale, "PAYMENT_RESULT S last")
}

// Notifications the old rules quarantined (SUCCESS or a capture after a
// confirmed cancel), replayed by staff, now settle instead of being
// quarantined again.
func TestPaidRaceReplayOfOldQuarantine(t *testing.T) {
	e := newEnv(t, Options{})
	b, o, paymentID := e.paidRace("race-replay@example.com")
	e.payAnotherWayRacing(b, o.Ref)
	a := e.attempt(o.Ref)
	var ids []int64
	for _, old := range []struct {
		kind, detail string
		body         []byte
	}{
		{antom.NotifyPaymentResult, "Antom confirmed the cancel before and says SUCCESS now", paymentBody(a, "S", a.Amount)},
		{antom.NotifyCaptureResult, a.PaymentRequestID + ": Antom captured a payment whose cancel it confirmed", autoCaptureBody(a, "S")},
	} {
		row := e.svc.inboxRow(old.kind, Inbound{Body: old.body}, VerdictQuarantined, old.detail)
		row.Subject = OrderSubject(o.Ref)
		id, err := e.db.InsertNotification(e.ctx, row)
		check(t, err)
		ids = append(ids, id)
	}
	v, err := e.svc.Replay(e.ctx, staffActor, ids[0])
	check(t, err)
	assertEqual(t, v, VerdictApplied, "replayed PAYMENT_RESULT")
	v, err = e.svc.Replay(e.ctx, staffActor, ids[1])
	check(t, err)
	assertEqual(t, v, VerdictApplied, "replayed CAPTURE_RESULT")
	n, err := e.db.CountNotifications(e.ctx, VerdictQuarantined)
	check(t, err)
	assertEqual(t, n, 0, "quarantined rows waiting: the two old ones are dealt with by their replays, none new")
	for _, id := range ids {
		row, err := e.db.NotificationByID(e.ctx, id)
		check(t, err)
		if row.Verdict != VerdictQuarantined || row.SettledBy == 0 {
			t.Fatalf("old row #%d: %s, settled by %d; want quarantined and settled by its replay", id, row.Verdict, row.SettledBy)
		}
	}
	e.assertMoneyReturned(b, o.Ref, paymentID)
}

// An authorization (MANUAL capture) our cancel voided took no money:
// its SUCCESS after the cancel's S changes nothing and is not held for
// staff.
func TestAuthorizationVoidedBeforeItsSuccessIsStale(t *testing.T) {
	e := newEnv(t, Options{CaptureMode: antom.CaptureManual})
	b, o, _ := e.paidRace("race-auth@example.com")
	e.payAnotherWayRacing(b, o.Ref)
	a := e.attempt(o.Ref)
	e.receiveAs(paymentBody(a, "S", a.Amount), VerdictStale, "PAYMENT_RESULT S after the void")
	assertEqual(t, attemptState(e.attempt(o.Ref)), stateCancelled, "attempt")
	r := e.result(Viewer{BuyerID: b.ID}, o.Ref)
	assertEqual(t, r.State, ResultCancelled, "buyer's page")
	assertEqual(t, r.Returned, Money{}, "buyer's page: nothing returned")
	assertEqual(t, e.sb.Calls("payments/refund"), 0, "refunds sent")
}
