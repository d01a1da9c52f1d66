package checkout

import (
	"errors"
	"strings"
	"testing"
	"time"

	"antom-checkout/antom/sandbox"
)

// processingClosedByUsLookedAbsent makes a paid order of buyer email
// whose refund of $1.00 Antom is still making (PROCESSING for an hour)
// while we closed it as failed ourselves (three ORDER_NOT_EXIST) and a
// staff lookup found it absent; it returns the order and the refund. The
// clock stands 35 s after the refund; Antom answers inquiries truly from
// then on.
func (e *env) processingClosedByUsLookedAbsent(email string) (Order, RefundInfo) {
	e.t.Helper()
	o, _ := paidOrder(e.t, e, email)
	e.sb.SetRefundDelay(time.Hour)                                                   // Antom is still making it when asked
	e.sb.Faults().SetAPI("payments/refund", sandbox.APIFault{DropNext: refundTries}) // made at Antom, every answer lost
	e.sb.Faults().SetAPI("payments/inquiryRefund", sandbox.APIFault{NotFoundNext: refundNotFoundTries + 1})
	e.sb.Faults().SetNotify(sandbox.NotifyFault{DropNext: 100})
	first, err := e.refund(o.Ref, "1")
	check(e.t, err)
	for _, at := range []time.Duration{3 * time.Second, 19 * time.Second, 35 * time.Second} {
		e.later(at)
		check(e.t, e.svc.Reconcile(e.ctx))
	}
	e.sb.Faults().SetAPI("payments/refund", sandbox.APIFault{})
	e.lookedUpAbsent(first)
	return o, first
}

// A lookup that found a refund we closed ourselves absent at Antom stops
// counting once a later answer says Antom is processing it — the
// reconciler's watch's or another staff lookup's: Antom is making it, so
// a retry, a settlement another way or a new refund would pay the buyer
// twice, and all three are held back again (LookFirst) and refused, and
// the timeline says who found it processing. A lookup that then finds it
// absent again lets them be made once more.
func TestRefundClosedByUsFoundProcessingIsHeldAgain(t *testing.T) {
	e := newEnv(t, Options{})
	o, first := e.processingClosedByUsLookedAbsent("found-processing@example.com")
	looked := e.adminOrder(o.Ref).Refunds[0]
	assertDeep(t, []any{looked.Status, looked.OursOnly, looked.LookFirst}, []any{RefundFail, true, false}, "closed by us, then looked up absent")

	// heldBack: all three are refused, and every word of the refund —
	// its Words, ClosedByUsNow, each refusal — says Antom is processing
	// it, found by finder ("by our watch" or "by <staff>"), not that
	// Antom had no record of it nor to look it up first.
	heldBack := func(why, finder string) {
		t.Helper()
		r := e.adminOrder(o.Ref).Refunds[0]
		assertDeep(t, []any{r.Status, r.OpenFailure, r.OursOnly, r.LookFirst, r.AbsentLookedBy, r.AbsentLookedAt.IsZero(), r.FoundProcessingAt.IsZero()},
			[]any{RefundFail, true, true, true, "", true, false}, why)
		found := FoundProcessingWords(r.FoundProcessingBy, r.FoundProcessingAt, nil)
		if !strings.Contains(found, "Antom is processing it (found "+finder+" on ") || !strings.Contains(found, "it may yet be made") {
			t.Fatalf("%s: the finding's words: %q", why, found)
		}
		assertEqual(t, r.ClosedByUsNow(), found, why+": where it stands")
		if !strings.Contains(r.Words, found) || strings.Contains(r.Words, "Look it up") {
			t.Fatalf("%s: its words: %q", why, r.Words)
		}
		assertDeep(t, e.adminOrder(o.Ref).NewRefundWaitsFor, []string{first.RefundRequestID}, why+": new refunds wait")
		refunds := e.sb.Calls("payments/refund")
		var conflict *ConflictError
		refused := func(what string, err error) {
			t.Helper()
			if !errors.As(err, &conflict) || !strings.Contains(conflict.Message, found) || strings.Contains(conflict.Message, "look it up first") {
				t.Fatalf("%s: %s: %v", why, what, err)
			}
		}
		_, err := e.svc.RetryableRefund(e.ctx, o.Ref, first.ID)
		refused("the retry's confirmation", err)
		_, err = e.retry(o.Ref, first.ID)
		refused("a retry", err)
		refused("handled another way", e.svc.HandleFailedRefund(e.ctx, staffActor, o.Ref, first.ID, "bank transfer", ""))
		_, err = e.refund(o.Ref, "1")
		refused("a new refund", err)
		assertEqual(t, e.sb.Calls("payments/refund")-refunds, 0, why+": refunds sent")
		assertEqual(t, len(e.adminOrder(o.Ref).Refunds), 1, why+": refunds made")
	}

	// The reconciler's watch asks Antom, which is processing it.
	e.later(35*time.Second + 2*firstWatch)
	check(t, e.svc.Reconcile(e.ctx))
	heldBack("the watch found it processing", "by our watch")
	if !e.timelineHas(o.Ref, "reconciler's watch of "+first.RefundRequestID+": Antom is processing it after all, though the lookup by "+staffActor) {
		t.Fatal("the timeline does not say the watch found it processing")
	}

	// Looked up absent again, then a staff lookup finds it processing.
	e.sb.Faults().SetAPI("payments/inquiryRefund", sandbox.APIFault{NotFoundNext: 1})
	e.lookedUpAbsent(first)
	assertEqual(t, e.adminOrder(o.Ref).Refunds[0].LookFirst, false, "looked up absent again")
	l, err := e.svc.LookupRefund(e.ctx, staffActor, first.RefundRequestID)
	check(t, err)
	assertDeep(t, []any{l.Found, l.Status, l.Updated, l.Recorded}, []any{true, "PROCESSING", false, true}, "the lookup")
	if !strings.Contains(l.Processing, "Antom is processing it (found by "+staffActor+" on ") {
		t.Fatalf("the lookup's answer does not say what it recorded: %q", l.Processing)
	}
	heldBack("a lookup found it processing", "by "+staffActor)
	l, err = e.svc.LookupRefund(e.ctx, staffActor, first.RefundRequestID)
	check(t, err)
	assertDeep(t, []any{l.Updated, l.Recorded, l.Processing == ""}, []any{false, false, false}, "a lookup finding it processing again")
	if !e.timelineHas(o.Ref, "refund lookup of "+first.RefundRequestID+": Antom is processing it after all") {
		t.Fatal("the timeline does not say the lookup found it processing")
	}
}

// Of a refund we closed ourselves that was settled another way after a
// lookup found it absent, Antom found processing it is news of the buyer
// getting the money twice, and the timeline says so, naming who settled
// it — not that it may not be settled another way.
func TestRefundSettledAnotherWayFoundProcessingWarnsOfTwice(t *testing.T) {
	e := newEnv(t, Options{})
	o, first := e.processingClosedByUsLookedAbsent("found-handled@example.com")
	check(t, e.svc.HandleFailedRefund(e.ctx, staffActor, o.Ref, first.ID, "bank transfer", ""))
	e.later(35*time.Second + 2*firstWatch)
	check(t, e.svc.Reconcile(e.ctx))
	if !e.timelineHas(o.Ref, "reconciler's watch of "+first.RefundRequestID+": Antom is processing it after all, though the lookup by "+staffActor) ||
		!e.timelineHas(o.Ref, "it was settled another way by "+staffActor+": should Antom make it, the buyer gets this money twice") {
		t.Fatal("the timeline does not warn that the buyer may get it twice")
	}
	if e.timelineHas(o.Ref, "nor marked handled another way, and no new refund") {
		t.Fatal("the timeline says a refund settled another way may not be settled another way")
	}
}
