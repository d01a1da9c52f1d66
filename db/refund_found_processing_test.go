package db_test

import (
	"testing"
	"time"

	"antom-checkout/db"
	"antom-checkout/db/dbtest"
)

// FoundProcessing records when and by whom Antom was found processing a
// refund we closed ourselves — only of such a refund, the first finding
// and one after a lookup said none — and forgets the lookup that found
// it absent; a lookup after it is recorded anew and empties the finding.
func TestRefundFoundProcessingForgetsTheAbsentLookup(t *testing.T) {
	dbtest.ForEachBackend(t, func(t *testing.T, d *db.DB) {
		_, refund, reread := closableRefunds(t, d, "ORD-FOUND")
		ours, antoms, open := refund("RF-F-OURS", db.SourceOurs), refund("RF-F-ANTOMS", db.SourceAntom), refund("RF-F-OPEN", "")
		for _, r := range []db.Refund{antoms, open} {
			changed, err := d.FoundProcessing(ctx, r.ID, "staff@example.com", t0)
			ok(t, changed, err, false, "found processing, not closed by us: "+r.RefundRequestID)
			got := reread(r)
			eq(t, []any{got.FoundProcessingAt, got.FoundProcessingBy}, []any{time.Time{}, ""}, "nothing recorded: "+r.RefundRequestID)
		}

		watched := t0.Add(30 * time.Minute)
		changed, err := d.FoundProcessing(ctx, ours.ID, "", watched)
		ok(t, changed, err, true, "found processing by the watch, no lookup recorded")
		got := reread(ours)
		eq(t, []any{got.FoundProcessingAt, got.FoundProcessingBy}, []any{watched, ""}, "the watch's finding recorded")
		changed, err = d.FoundProcessing(ctx, ours.ID, "staff@example.com", watched.Add(time.Minute))
		ok(t, changed, err, false, "found processing again")
		got = reread(ours)
		eq(t, []any{got.FoundProcessingAt, got.FoundProcessingBy}, []any{watched, ""}, "the first finding kept")

		looked := t0.Add(time.Hour)
		changed, err = d.LookedAbsent(ctx, ours.ID, "staff@example.com", looked)
		ok(t, changed, err, true, "looked absent")
		got = reread(ours)
		eq(t, []any{got.AbsentLookedAt, got.AbsentLookedBy, got.FoundProcessingAt, got.FoundProcessingBy},
			[]any{looked, "staff@example.com", time.Time{}, ""}, "the lookup takes the finding's place")
		found := looked.Add(time.Minute)
		changed, err = d.FoundProcessing(ctx, ours.ID, "finder@example.com", found)
		ok(t, changed, err, true, "found processing")
		got = reread(ours)
		eq(t, []any{got.AbsentLookedAt, got.AbsentLookedBy, got.FoundProcessingAt, got.FoundProcessingBy, got.UpdatedAt},
			[]any{time.Time{}, "", found, "finder@example.com", found}, "the absent lookup forgotten, the finding recorded")
		changed, err = d.FoundProcessing(ctx, ours.ID, "", looked.Add(2*time.Minute))
		ok(t, changed, err, false, "found processing again")

		again := looked.Add(time.Hour)
		changed, err = d.LookedAbsent(ctx, ours.ID, "other@example.com", again)
		ok(t, changed, err, true, "looked absent after it was found")
		got = reread(ours)
		eq(t, []any{got.AbsentLookedAt, got.AbsentLookedBy, got.FoundProcessingAt}, []any{again, "other@example.com", time.Time{}}, "the later lookup recorded")
	})
}
