package checkout

import (
	"strings"
	"testing"
	"time"

	"antom-checkout/antom/sandbox"
	"antom-checkout/lang"
)

// A refund we closed as failed ourselves (Antom had no such refund the
// three times we asked; it never said FAIL) is not said to have never
// been created: its words, and its timeline line, say Antom may yet
// report it done (the page, not the words, asks for a lookup first, once);
// once the day we watch it for is over, they say when we stopped asking
// and that Antom may still hold it. A refund Antom itself fails with ORDER_NOT_EXIST keeps
// Antom's definite words.
func TestRefundClosedByUsIsNotSaidNeverCreated(t *testing.T) {
	e := newEnv(t, Options{})
	// Antom's own FAIL ORDER_NOT_EXIST is Antom's word: said as before.
	other, _ := paidOrder(t, e, "antomfails@example.com")
	e.sb.Faults().SetAPI("payments/refund", sandbox.APIFault{NotFoundNext: 1})
	_, err := e.refund(other.Ref, "5")
	check(t, err)
	r := e.adminOrder(other.Ref).Refunds[0]
	assertEqual(t, r.Status, RefundFail, "refund Antom failed")
	assertEqual(t, r.OursOnly, false, "Antom's failure")
	assertEqual(t, r.Words, "Antom has no record of the payment it refunds: the refund was never created.", "Antom's words")
	if strings.Contains(r.Words, "may yet") {
		t.Fatal("Antom's definite failure is said to be in doubt")
	}

	o, _ := paidOrder(t, e, "closedwords@example.com")
	e.sb.Faults().SetAPI("payments/refund", sandbox.APIFault{UnknownNext: refundTries})
	e.sb.Faults().SetNotify(sandbox.NotifyFault{DropNext: 100})
	_, err = e.refund(o.Ref, "5")
	check(t, err)
	for _, at := range []time.Duration{3 * time.Second, 19 * time.Second, 35 * time.Second} {
		e.later(at)
		check(t, e.svc.Reconcile(e.ctx))
	}
	r = e.adminOrder(o.Ref).Refunds[0]
	assertEqual(t, r.Status, RefundFail, "refund closed by us")
	assertEqual(t, r.OursOnly, true, "closed by us")
	assertEqual(t, r.Words, "Antom had no record of it the 3 times we asked: we closed it as failed ourselves, "+
		"but Antom may yet report it done.", "words while watched")
	if e.timelineHas(o.Ref, "never created") || !e.timelineHas(o.Ref, "closed as failed by us, not by Antom, which may yet report it done") {
		t.Fatal("the timeline says the refund was never created")
	}

	e.later(lateWatch + time.Hour)
	check(t, e.svc.Reconcile(e.ctx))
	r = e.adminOrder(o.Ref).Refunds[0]
	row, err := e.db.RefundByRequestID(e.ctx, r.RefundRequestID)
	check(t, err)
	if row.WatchEndedAt.Before(row.CreatedAt.Add(lateWatch)) {
		t.Fatalf("the watch ended at %v, before its day was over", row.WatchEndedAt)
	}
	stopped := lang.StaffTime(row.WatchEndedAt, nil) // the pass that ended the watch
	assertEqual(t, r.Words, "Antom had no record of it the 3 times we asked, nor reported it done in the day after: "+
		"we closed it as failed ourselves and stopped asking on "+stopped+". Antom may still hold it.", "words after the watch")
	if strings.Contains(r.Words, "may yet report it done") {
		t.Fatal("the words after the watch say Antom may yet report it: nothing asks it any more")
	}
	if e.later(lateWatch + 2*time.Hour); e.adminOrder(o.Ref).Refunds[0].Words != r.Words {
		t.Fatal("the time we stopped asking moves with the clock")
	}
}

// A watch that ended before watch_ended_at was kept (migration 44 leaves
// it empty: no row knows when) is said to have ended without a date,
// never with a wrong one.
func TestRefundClosedByUsWordsWithoutTheWatchEnd(t *testing.T) {
	assertEqual(t, RefundClosedByUsWords(false, time.Time{}, nil), "Antom had no record of it the 3 times we asked, nor reported it done in the day after: "+
		"we closed it as failed ourselves and stopped asking. Antom may still hold it.", "words without the watch's end")
}
