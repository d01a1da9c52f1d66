package checkout

import (
	"errors"
	"strings"
	"testing"
	"time"

	"antom-checkout/antom/sandbox"
)

// lookedUpAbsent has staff look refund r up (LookupRefund) while Antom
// has no such refund: the answer a retry of one we closed ourselves
// waits for.
func (e *env) lookedUpAbsent(r RefundInfo) {
	e.t.Helper()
	l, err := e.svc.LookupRefund(e.ctx, staffActor, r.RefundRequestID)
	check(e.t, err)
	assertEqual(e.t, l.Found, false, "Antom has no refund "+r.RefundRequestID)
}

// A refund we closed as failed ourselves may yet be made by Antom, and a
// retry is a new refund Antom would make too: the buyer would get the
// money twice. So it is not tried again — neither offered (LookFirst) nor
// taken, by the confirmation or the retry itself — until a Refund lookup
// made since we closed it said Antom has no such refund; then it is, and
// the refund says who looked and when.
func TestRefundClosedByUsIsRetriedOnlyAfterALookup(t *testing.T) {
	e := newEnv(t, Options{})
	o, _ := paidOrder(t, e, "retry-look-first@example.com")
	first := e.refundClosedByUs(o.Ref)
	r := e.adminOrder(o.Ref).Refunds[0]
	assertDeep(t, []any{r.OpenFailure, r.OursOnly, r.LookFirst}, []any{true, true, true}, "an open failure of ours, to look up first")

	refunds := e.sb.Calls("payments/refund")
	var conflict *ConflictError
	if _, err := e.svc.RetryableRefund(e.ctx, o.Ref, first.ID); !errors.As(err, &conflict) || !strings.Contains(conflict.Message, "look it up first") {
		t.Fatalf("the retry's confirmation before a lookup: %v", err)
	}
	if _, err := e.retry(o.Ref, first.ID); !errors.As(err, &conflict) || !strings.Contains(conflict.Message, "Nothing was sent") {
		t.Fatalf("a retry before a lookup: %v", err)
	}
	assertEqual(t, e.sb.Calls("payments/refund")-refunds, 0, "refunds sent before the lookup")
	assertEqual(t, len(e.adminOrder(o.Ref).Refunds), 1, "no refund made")

	e.lookedUpAbsent(first)
	r = e.adminOrder(o.Ref).Refunds[0]
	assertDeep(t, []any{r.OpenFailure, r.OursOnly, r.LookFirst, r.AbsentLookedBy, r.AbsentLookedAt.IsZero()},
		[]any{true, true, false, staffActor, false}, "once the lookup said Antom has no such refund")
	if !e.timelineHas(o.Ref, "refund lookup of "+first.RefundRequestID+": Antom has no such refund") {
		t.Fatal("the timeline does not say who looked it up")
	}
	_, err := e.svc.RetryableRefund(e.ctx, o.Ref, first.ID)
	check(t, err)
	retry, err := e.retry(o.Ref, first.ID)
	check(t, err)
	assertEqual(t, retry.Status, RefundProcessing, "the retry sent")
}

// A lookup that finds a refund we closed ourselves settles it as the
// reconciler's watch would: done at Antom, it is no open failure and is
// never offered again; a lookup of one Antom itself failed records
// nothing (it needs none).
func TestLookupOfARefundClosedByUsThatAntomMadeSettlesIt(t *testing.T) {
	e := newEnv(t, Options{})
	// Antom's own FAIL (ORDER_NOT_EXIST when it was made): a lookup that
	// finds no such refund records no lookup, and no line a retry waits
	// for — only that staff looked, which changed nothing.
	other, _ := paidOrder(t, e, "retry-look-antoms@example.com")
	e.sb.Faults().SetAPI("payments/refund", sandbox.APIFault{NotFoundNext: 1})
	antoms, err := e.refund(other.Ref, "1")
	check(t, err)
	assertDeep(t, []any{antoms.Status, e.adminOrder(other.Ref).Refunds[0].OursOnly}, []any{RefundFail, false}, "failed by Antom")
	l, err := e.svc.LookupRefund(e.ctx, staffActor, antoms.RefundRequestID)
	check(t, err)
	assertDeep(t, []any{l.Found, l.OrderRef}, []any{false, other.Ref}, "the lookup of Antom's failure")
	row, err := e.db.RefundByRequestID(e.ctx, antoms.RefundRequestID)
	check(t, err)
	assertDeep(t, []any{row.AbsentLookedAt.IsZero(), row.AbsentLookedBy}, []any{true, ""}, "a lookup of Antom's failure recorded")
	if e.timelineHas(other.Ref, "refund lookup of "+antoms.RefundRequestID) {
		t.Fatal("the timeline says a lookup of Antom's failure as the one a retry waits for")
	}
	if !e.timelineHas(other.Ref, "looked up refund "+antoms.RefundRequestID+" at Antom: Antom has no such refund; nothing to change") {
		t.Error("the timeline does not say staff looked")
	}

	o, _ := paidOrder(t, e, "retry-look-made@example.com")
	e.sb.Faults().SetAPI("payments/refund", sandbox.APIFault{DropNext: refundTries}) // made at Antom, every answer lost
	e.sb.Faults().SetAPI("payments/inquiryRefund", sandbox.APIFault{NotFoundNext: refundNotFoundTries})
	e.sb.Faults().SetNotify(sandbox.NotifyFault{DropNext: 100})
	first, err := e.refund(o.Ref, "1")
	check(t, err)
	for _, at := range []time.Duration{3 * time.Second, 19 * time.Second, 35 * time.Second} {
		e.later(at)
		check(t, e.svc.Reconcile(e.ctx))
	}
	r := e.adminOrder(o.Ref).Refunds[0]
	if !r.OursOnly || !r.LookFirst {
		t.Fatalf("not closed by us: %+v", r)
	}
	l, err = e.svc.LookupRefund(e.ctx, staffActor, first.RefundRequestID)
	check(t, err)
	assertDeep(t, []any{l.Found, l.Status, l.Updated}, []any{true, "SUCCESS", true}, "the lookup")
	r = e.adminOrder(o.Ref).Refunds[0]
	assertDeep(t, []any{r.Status, r.OpenFailure, r.OursOnly, r.LookFirst}, []any{RefundSuccess, false, false, false}, "done at Antom")
}
