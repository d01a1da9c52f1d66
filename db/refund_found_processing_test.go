package db_test

import (
	"testing"
	"time"

	"antom-checkout/db"
	"antom-checkout/db/dbtest"
)

// FoundProcessing forgets the lookup that found a refund we closed
// ourselves absent — once, and only of such a refund — and a lookup
// after it is recorded anew.
func TestRefundFoundProcessingForgetsTheAbsentLookup(t *testing.T) {
	dbtest.ForEachBackend(t, func(t *testing.T, d *db.DB) {
		o, a := paidAttempt(t, d, "ORD-FOUND", "USD", 1000, t0)
		refund := func(reqID, source string) db.Refund {
			t.Helper()
			id, err := d.InsertRefund(ctx, db.Refund{OrderID: o.ID, AttemptID: a.ID, RefundRequestID: reqID, Currency: "USD",
				Amount: 100, Status: db.RefundProcessing, NextCheckAt: t0, CreatedBy: "staff", CreatedAt: t0})
			check(t, err)
			if source != "" {
				changed, err := d.SettleRefund(ctx, id, db.RefundProcessing, "", db.RefundFail, "ORDER_NOT_EXIST", "", source, time.Time{}, t0)
				ok(t, changed, err, true, "closed "+reqID)
			}
			r, err := d.RefundByID(ctx, id)
			check(t, err)
			return r
		}
		reread := func(r db.Refund) db.Refund {
			t.Helper()
			r, err := d.RefundByID(ctx, r.ID)
			check(t, err)
			return r
		}
		ours, antoms, open := refund("RF-F-OURS", db.SourceOurs), refund("RF-F-ANTOMS", db.SourceAntom), refund("RF-F-OPEN", "")
		for _, r := range []db.Refund{ours, antoms, open} {
			changed, err := d.FoundProcessing(ctx, r.ID, t0)
			ok(t, changed, err, false, "found processing with no lookup recorded: "+r.RefundRequestID)
		}

		looked := t0.Add(time.Hour)
		changed, err := d.LookedAbsent(ctx, ours.ID, "staff@example.com", looked)
		ok(t, changed, err, true, "looked absent")
		changed, err = d.FoundProcessing(ctx, ours.ID, looked.Add(time.Minute))
		ok(t, changed, err, true, "found processing")
		got := reread(ours)
		eq(t, []any{got.AbsentLookedAt, got.AbsentLookedBy, got.UpdatedAt}, []any{time.Time{}, "", looked.Add(time.Minute)}, "the absent lookup forgotten")
		changed, err = d.FoundProcessing(ctx, ours.ID, looked.Add(2*time.Minute))
		ok(t, changed, err, false, "found processing again")

		again := looked.Add(time.Hour)
		changed, err = d.LookedAbsent(ctx, ours.ID, "other@example.com", again)
		ok(t, changed, err, true, "looked absent after it was found")
		got = reread(ours)
		eq(t, []any{got.AbsentLookedAt, got.AbsentLookedBy}, []any{again, "other@example.com"}, "the later lookup recorded")
	})
}
