package db_test

import (
	"testing"
	"time"

	"antom-checkout/db"
	"antom-checkout/db/dbtest"
)

// A cancel's unanswered sends are counted once each (the count read is
// the one counted over), with the calls to Antom each made, only while
// the cancel is PROCESSING, with the next send's time; a new cancel
// starts from 0, a resend of the same cancel keeps the count.
func TestCancelTally(t *testing.T) {
	dbtest.ForEachBackend(t, func(t *testing.T, d *db.DB) {
		_, a := paidAttempt(t, d, "ORD-1", "USD", 1850, t0)
		n, err := d.CancelTally(ctx, a.ID)
		ok(t, n == db.CancelTally{}, err, true, "no sends before a cancel")
		changed, err := d.RetryCancelAt(ctx, a.ID, 0, 3, t0.Add(time.Second), t0)
		ok(t, changed, err, false, "count without a cancel PROCESSING")

		changed, err = d.RequestCancel(ctx, a.ID, "", t0)
		ok(t, changed, err, true, "request cancel")
		next := t0.Add(2 * time.Second)
		changed, err = d.RetryCancelAt(ctx, a.ID, 0, 3, next, t0)
		ok(t, changed, err, true, "count the first send")
		changed, err = d.RetryCancelAt(ctx, a.ID, 0, 3, next, t0)
		ok(t, changed, err, false, "count the same send twice")
		n, err = d.CancelTally(ctx, a.ID)
		ok(t, n == db.CancelTally{Sends: 1, Calls: 3}, err, true, "one send of three calls counted")
		got, err := d.AttemptByID(ctx, a.ID)
		check(t, err)
		eq(t, got.NextCheckAt, next, "next send")

		changed, err = d.RequestCancel(ctx, a.ID, "", t0.Add(3*time.Second))
		ok(t, changed, err, true, "the cancel sent again")
		changed, err = d.RetryCancelAt(ctx, a.ID, 1, 1, next, t0)
		ok(t, changed, err, true, "count a resend of one call")
		n, err = d.CancelTally(ctx, a.ID)
		ok(t, n == db.CancelTally{Sends: 2, Calls: 4}, err, true, "a resend keeps the count")

		changed, err = d.SetCancelStatus(ctx, a.ID, db.CancelFail, time.Time{}, t0.Add(4*time.Second))
		ok(t, changed, err, true, "cancel refused")
		changed, err = d.RetryCancelAt(ctx, a.ID, 2, 1, next, t0)
		ok(t, changed, err, false, "count over an ended cancel")
		changed, err = d.RequestCancel(ctx, a.ID, "", t0.Add(5*time.Second))
		ok(t, changed, err, true, "a new cancel")
		n, err = d.CancelTally(ctx, a.ID)
		ok(t, n == db.CancelTally{}, err, true, "a new cancel starts from 0")
		_, err = d.CancelTally(ctx, a.ID+1000)
		is(t, err, db.ErrNotFound, "no such attempt")
	})
}

// A capture still PROCESSING is due at once, then when its unanswered
// look put it; a settled one is never due and no longer counted.
func TestCaptureChecks(t *testing.T) {
	dbtest.ForEachBackend(t, func(t *testing.T, d *db.DB) {
		o, a := paidAttempt(t, d, "ORD-1", "USD", 1850, t0)
		c := db.Capture{OrderID: o.ID, AttemptID: a.ID, CaptureRequestID: "CAP-1", Currency: "USD", Amount: 1850,
			Status: db.CaptureProcessing, CreatedBy: "staff:1", CreatedAt: t0}
		id, err := d.InsertCapture(ctx, c)
		check(t, err)
		due, err := d.CapturesToCheck(ctx, t0)
		check(t, err)
		eq(t, len(due), 1, "a new capture is due at once")
		cc, err := d.CaptureCheckOf(ctx, id)
		check(t, err)
		eq(t, cc, db.CaptureCheck{}, "no look yet")

		next := t0.Add(2 * time.Second)
		changed, err := d.RetryCaptureAt(ctx, id, 0, next, t0)
		ok(t, changed, err, true, "count a look")
		changed, err = d.RetryCaptureAt(ctx, id, 0, next, t0)
		ok(t, changed, err, false, "count the same look twice")
		cc, err = d.CaptureCheckOf(ctx, id)
		check(t, err)
		eq(t, cc, db.CaptureCheck{Checks: 1, NextCheckAt: next}, "after one look")
		due, err = d.CapturesToCheck(ctx, next.Add(-time.Millisecond))
		check(t, err)
		eq(t, len(due), 0, "not due before its time")
		due, err = d.CapturesToCheck(ctx, next)
		check(t, err)
		eq(t, len(due), 1, "due at its time")

		changed, err = d.SettleCapture(ctx, id, db.CaptureSuccess, "SUCCESS", "", "CAPID-1", next)
		ok(t, changed, err, true, "settle")
		changed, err = d.RetryCaptureAt(ctx, id, 1, next.Add(time.Hour), next)
		ok(t, changed, err, false, "count over a settled capture")
		due, err = d.CapturesToCheck(ctx, next.Add(time.Hour))
		check(t, err)
		eq(t, len(due), 0, "a settled capture is never due")
		_, err = d.CaptureCheckOf(ctx, id+1000)
		is(t, err, db.ErrNotFound, "no such capture")
	})
}

// CancelDoubtSince records, the first time it is asked, when a cancel in
// doubt was found so, and returns that time ever after; a cancel not in
// doubt has none.
func TestCancelDoubtSince(t *testing.T) {
	dbtest.ForEachBackend(t, func(t *testing.T, d *db.DB) {
		a := newAttempt(t, d, newOrder(t, d, "ORD-DOUBT", 0, "USD", 100), "PR-DOUBT")
		_, err := d.CancelDoubtSince(ctx, a.ID, t0)
		is(t, err, db.ErrNotFound, "no cancel in doubt")
		changed, err := d.RequestCancel(ctx, a.ID, "", t0)
		ok(t, changed, err, true, "request a cancel")
		_, err = d.CancelDoubtSince(ctx, a.ID, t0)
		is(t, err, db.ErrNotFound, "a cancel PROCESSING is not in doubt")
		settle(t, d, a.ID, db.AttemptProcessing, "", db.Settlement{Status: db.AttemptSuccess, Code: "SUCCESS",
			PaidAt: t0, Source: db.SourceAntom, DoubtCheckAt: t0.Add(2 * time.Second)}, t0)
		since, err := d.CancelDoubtSince(ctx, a.ID, t0.Add(time.Minute))
		check(t, err)
		eq(t, since, t0.Add(time.Minute), "found in doubt: recorded")
		since, err = d.CancelDoubtSince(ctx, a.ID, t0.Add(time.Hour))
		check(t, err)
		eq(t, since, t0.Add(time.Minute), "kept from the first time")
		changed, err = d.EndCancelDoubt(ctx, a.ID, db.CancelFail, t0.Add(time.Hour))
		ok(t, changed, err, true, "the doubt ends")
		_, err = d.CancelDoubtSince(ctx, a.ID, t0.Add(2*time.Hour))
		is(t, err, db.ErrNotFound, "no longer in doubt")
	})
}
