package checkout

import (
	"strings"
	"testing"
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
