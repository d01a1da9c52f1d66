package checkout

import (
	"testing"
)

// A refund whose answer is lost (every try) after its notification
// already settled it SUCCESS does not say "outcome unknown … the
// reconciler will ask Antom": the refund is known, and nobody will ask.
// Nor is it sent again (one call, not refundTries): RefundOrder answers
// with the settled refund.
func TestRefundAnswerLostAfterTheNotificationSaysNothingUnknown(t *testing.T) {
	e := newEnv(t, Options{})
	o, _ := paidOrder(t, e, "reflost@example.com")
	lost := e.loseAnswers("/payments/refund", "REFUND_RESULT")
	r, err := e.refund(o.Ref, "5")
	check(t, err)
	e.svc.Wait()
	if lost.lost == 0 {
		t.Fatal("no refund answer was lost")
	}
	// Settled while the call ran: not sent again.
	assertEqual(t, e.sb.Calls("payments/refund"), 1, "refund calls Antom saw")
	assertEqual(t, r.Status, RefundSuccess, "refund as RefundOrder returns it")
	assertEqual(t, e.adminOrder(o.Ref).Refunds[0].Status, RefundSuccess, "refund")
	if !e.timelineHas(o.Ref, "no answer") {
		t.Fatal("the timeline does not show the call that had no answer")
	}
	e.assertNoLine(o.Ref, "outcome unknown", "still processing")
}
