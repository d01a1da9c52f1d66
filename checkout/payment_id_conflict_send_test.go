package checkout

import (
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"antom-checkout/antom"
	"antom-checkout/antom/sandbox"
)

// A cancel the app sends of its own (here at the card payment's expiry)
// whose send is out, unanswered, when an inquiry learns that Antom's
// answers name another paymentId: the hold's line comes first, and the
// send's own line, written after it, says the cancel is held, not sent
// again — never "sending it again". Nothing is sent after the hold.
// The interleaving is driven by PointCancelUnanswered: the conflict is
// learned there, after the send's calls and before its line.
func TestPaymentIDConflictHoldDuringSend(t *testing.T) {
	const other = "2026120600000000000000000000000021"
	var armed, fired atomic.Bool
	var e *env
	var ref string
	e = newEnvScaled(t, Options{TestHook: func(point string) {
		if point != PointCancelUnanswered || !armed.CompareAndSwap(true, false) {
			return
		}
		o, err := e.db.OrderByRef(e.ctx, ref)
		if err != nil {
			return
		}
		a, err := e.db.LatestAttempt(e.ctx, o.ID)
		if err != nil {
			return
		}
		// The reconciler's inquiry, meanwhile: SUCCESS naming another paymentId.
		e.svc.applyInquiry(e.ctx, a, &antom.InquiryPaymentResponse{PaymentStatus: antom.PaymentSuccess,
			PaymentRequestID: a.PaymentRequestID, PaymentID: other, PaymentAmount: antom.MinorAmount(a.Currency, a.Amount)}, "reconciler")
		fired.Store(true)
	}}, 1)
	_, o, a := e.conflictedCard("conflict-send@example.com", "")
	ref = o.Ref
	e.sb.Faults().SetAPI("payments/cancel", sandbox.APIFault{UnknownNext: 10000})

	armed.Store(true)
	e.later(hostedPayExpiry + cancelGrace + time.Minute) // past its expiry: the app cancels it
	check(t, e.svc.Reconcile(e.ctx))
	e.svc.Wait()
	assertEqual(t, fired.Load(), true, "the conflict learned while the cancel's send was out")
	assertEqual(t, e.attempt(o.Ref).CancelHeld(), true, "the stored cancel held")

	_, _, lines := e.timelineCounts(o.Ref, "")
	holdAt := -1
	for i, l := range lines {
		if strings.Contains(l, a.PaymentRequestID+": the cancel stored earlier is no longer sent") {
			holdAt = i
		}
	}
	if holdAt < 0 {
		t.Fatalf("no line says the stored cancel is held: %q", lines)
	}
	heldSend := 0
	for _, l := range lines[holdAt+1:] {
		if strings.HasPrefix(l, EventAntomCall+":") {
			continue
		}
		if strings.Contains(l, "again in") || strings.Contains(l, "sends it again") || strings.Contains(l, "sending it again") {
			t.Fatalf("after the hold a line says the cancel is sent again: %q\ntimeline %q", l, lines)
		}
		if strings.Contains(l, "cancel of "+a.PaymentRequestID+" not confirmed") && strings.Contains(l, "not sent again: held for the paymentId conflict") {
			heldSend++
		}
	}
	assertEqual(t, heldSend, 1, "lines after the hold saying the send is held")

	cancels := e.sb.Calls("payments/cancel")
	e.later(hostedPayExpiry + cancelGrace + 10*time.Minute) // the send's next time is due
	check(t, e.svc.Reconcile(e.ctx))
	e.svc.Wait()
	assertEqual(t, e.sb.Calls("payments/cancel"), cancels, "cancel calls after the hold")
}
