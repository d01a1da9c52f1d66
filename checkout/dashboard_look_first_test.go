package checkout

import (
	"fmt"
	"testing"
	"time"

	"antom-checkout/db"
)

// The dashboard's failed refunds that wait for a Refund lookup are those
// needsLookup holds back — db counts them by its twin (lookFirstR) — in
// every state a failure can be in: closed by us and not looked up, looked
// up and absent, found processing (before or after such a lookup),
// Antom's own failure, settled another way. It names the oldest
// DashboardExamples of them, and only counts the rest: more wait here
// than it names.
func TestDashboardLookFirstAgreesWithNeedsLookup(t *testing.T) {
	e := newEnv(t, Options{})
	o, _ := paidOrder(t, e, "dash-look-first@example.com")
	a := e.attempt(o.Ref)
	now := e.svc.now()
	n := 0
	failed := func(source string) int64 {
		t.Helper()
		n++
		id, err := e.db.InsertRefund(e.ctx, db.Refund{OrderID: a.OrderID, AttemptID: a.ID, RefundRequestID: fmt.Sprintf("RF-%s-%d", o.Ref, n),
			Currency: a.Currency, Amount: 10, Status: db.RefundProcessing, NextCheckAt: now.Add(time.Hour), CreatedBy: staffActor, CreatedAt: now})
		check(t, err)
		changed, err := e.db.SettleRefund(e.ctx, id, db.RefundProcessing, "", db.RefundFail, "ORDER_NOT_EXIST", "", source, time.Time{}, now)
		check(t, err)
		assertEqual(t, changed, true, "closed as failed")
		return id
	}
	changed := func(ok bool, err error) {
		t.Helper()
		check(t, err)
		assertEqual(t, ok, true, "changed")
	}
	failed(db.SourceOurs) // waits for a lookup
	looked := failed(db.SourceOurs)
	changed(e.db.LookedAbsent(e.ctx, looked, staffActor, now))
	found := failed(db.SourceOurs)
	changed(e.db.FoundProcessing(e.ctx, found, "", now))
	failed(db.SourceAntom)
	foundAfterLookup := failed(db.SourceOurs)
	changed(e.db.LookedAbsent(e.ctx, foundAfterLookup, staffActor, now))
	changed(e.db.FoundProcessing(e.ctx, foundAfterLookup, staffActor, now))
	handled := failed(db.SourceOurs)
	changed(e.db.LookedAbsent(e.ctx, handled, staffActor, now))
	changed(e.db.MarkRefundHandled(e.ctx, handled, staffActor, "cash", now))
	failed(db.SourceOurs)
	failed(db.SourceOurs)

	open, err := e.db.OpenRefundFailures(e.ctx, a.OrderID)
	check(t, err)
	refunds, err := e.db.OrderRefunds(e.ctx, a.OrderID)
	check(t, err)
	var lookFirst []LookFirstRefund
	for _, r := range refunds { // by id: oldest first
		if _, ok := open[r.ID]; ok && needsLookup(r) {
			lookFirst = append(lookFirst, LookFirstRefund{o.Ref, r.RefundRequestID, !r.FoundProcessingAt.IsZero()})
		}
	}
	if len(lookFirst) <= DashboardExamples {
		t.Fatalf("%d failures wait for a lookup: the test wants more than the dashboard names (%d)", len(lookFirst), DashboardExamples)
	}
	d, err := e.svc.AdminDashboard(e.ctx)
	check(t, err)
	assertDeep(t, []any{d.RefundsFailed, d.RefundsFailedLookFirst, d.RefundsFoundProcessing, d.RefundsLookFirstShown},
		[]any{len(open), len(lookFirst), 2, lookFirst[:DashboardExamples]},
		"open failures, those to look up first, of them found processing, the few named")
	assertEqual(t, len(open), 7, "open failures (all but the one settled another way)")
}
