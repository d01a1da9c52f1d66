package db_test

import (
	"testing"
	"time"

	"antom-checkout/db"
	"antom-checkout/db/dbtest"
)

// Of a refund we closed as failed ourselves: WatchRefund with no next
// records when the watch ended; LookedAbsent records the first lookup
// that found Antom has no such refund, and nothing for a refund that is
// not one we closed (processing, or Antom's own failure).
func TestRefundWatchEndAndLookedAbsent(t *testing.T) {
	dbtest.ForEachBackend(t, func(t *testing.T, d *db.DB) {
		_, refund, reread := closableRefunds(t, d, "ORD-LOOKED")
		ours, antoms, open := refund("RF-OURS", db.SourceOurs), refund("RF-ANTOMS", db.SourceAntom), refund("RF-OPEN", "")

		check(t, d.WatchRefund(ctx, ours.ID, t0.Add(time.Hour), t0))
		eq(t, reread(ours).WatchEndedAt, time.Time{}, "still watched")
		ended := t0.Add(24 * time.Hour)
		check(t, d.WatchRefund(ctx, ours.ID, time.Time{}, ended))
		eq(t, reread(ours).WatchEndedAt, ended, "the watch's end")

		for _, r := range []db.Refund{antoms, open} {
			changed, err := d.LookedAbsent(ctx, r.ID, "staff@example.com", t0)
			ok(t, changed, err, false, "looked absent: "+r.RefundRequestID)
			eq(t, reread(r).AbsentLookedAt, time.Time{}, "nothing recorded of "+r.RefundRequestID)
		}
		looked := ended.Add(time.Hour)
		changed, err := d.LookedAbsent(ctx, ours.ID, "staff@example.com", looked)
		ok(t, changed, err, true, "looked absent")
		changed, err = d.LookedAbsent(ctx, ours.ID, "other@example.com", looked.Add(time.Hour))
		ok(t, changed, err, false, "looked absent again")
		got := reread(ours)
		eq(t, []any{got.AbsentLookedAt, got.AbsentLookedBy}, []any{looked, "staff@example.com"}, "the first lookup kept")
	})
}
