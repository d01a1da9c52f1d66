package checkout

import (
	"strings"
	"testing"
	"time"

	"antom-checkout/antom"
	"antom-checkout/db"
)

// A PAYMENT_RESULT naming another paymentId than the one on record for its
// paymentRequestId (one request is one payment at Antom) is quarantined,
// saying both, and changes nothing: it was counted a duplicate, so a
// paymentId first heard wrong stayed on the payment unseen, and every
// refund of it failed.
func TestPaymentResultWithAnotherPaymentIDIsQuarantined(t *testing.T) {
	e := newEnv(t, Options{})
	o, _ := paidOrder(t, e, "other-payment-id@example.com")
	a := e.attempt(o.Ref)
	other := a
	other.PaymentID = "2026120600000000000000000000000001"
	v, detail := e.receive(paymentBody(other, "S", other.Amount))
	if v != VerdictQuarantined || !strings.Contains(detail, "paymentId "+other.PaymentID+" differs from the one on record ("+a.PaymentID+")") {
		t.Fatalf("verdict %s (%s), want quarantined naming both paymentIds", v, detail)
	}
	assertEqual(t, e.attempt(o.Ref).PaymentID, a.PaymentID, "the payment's paymentId")
	e.receiveAs(paymentBody(a, "S", a.Amount), VerdictDuplicate, "the same payment's result again")
}

// An answer to our own pay call that names another paymentId than the
// one a notification settled the payment with is not ignored: the
// order's timeline says both ids, and nothing changes — the payment, its
// paymentId on record and the order's money stay as they are. So for a
// final answer (S) that comes after the notification, and for one whose
// outcome is not known yet (U) naming a paymentId.
func TestPayAnswerWithAnotherPaymentIDIsTold(t *testing.T) {
	for _, tc := range []struct {
		name string
		err  error
		why  string
	}{
		{"S", nil, "pay answered S naming paymentId "},
		{"U", &antom.Error{API: "pay", Kind: antom.KindUnknown, HTTPStatus: 200,
			Result: antom.Result{ResultStatus: "U", ResultCode: "UNKNOWN_EXCEPTION"}},
			"pay's answer, outcome not known yet (UNKNOWN_EXCEPTION), naming paymentId "},
	} {
		t.Run(tc.name, func(t *testing.T) {
			e := newEnv(t, Options{})
			o, _ := paidOrder(t, e, "answer-other-id-"+tc.name+"@example.com")
			a := e.attempt(o.Ref)
			asSent := a // the attempt as pay went out: open, no paymentId yet
			asSent.Status, asSent.PaymentID, asSent.PaidAt = db.AttemptProcessing, "", time.Time{}
			other := "2026120600000000000000000000000002"
			e.svc.afterPay(e.ctx, asSent, &antom.PayResponse{PaymentRequestID: a.PaymentRequestID, PaymentID: other,
				PaymentAmount: antom.MinorAmount(a.Currency, a.Amount), Result: antom.Result{ResultStatus: "S", ResultCode: "SUCCESS"}}, tc.err, nil)

			want := a.PaymentRequestID + ": " + tc.why + other + ", not " + a.PaymentID + ", the one on record: not applied, " + a.PaymentID + " kept"
			if !e.timelineHas(o.Ref, want) {
				t.Fatalf("the order's timeline does not say %q", want)
			}
			after := e.attempt(o.Ref)
			assertEqual(t, after.PaymentID, a.PaymentID, "the payment's paymentId")
			assertEqual(t, after.Status, db.AttemptSuccess, "the payment")
			m := e.adminOrder(o.Ref)
			assertEqual(t, m.Order.Status, db.OrderPaid, "the order")
			assertEqual(t, m.Paid, Money{a.Currency, a.Amount}, "paid")
			assertEqual(t, len(m.Refunds), 0, "refunds")
		})
	}
}
