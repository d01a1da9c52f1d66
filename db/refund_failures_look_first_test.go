package db_test

import (
	"testing"

	"antom-checkout/db"
	"antom-checkout/db/dbtest"
)

// CountRefundsFailed counts the open failures of every order, those that
// wait for a Refund lookup (closed as failed by us, no lookup since said
// Antom has none) and, of them, those Antom was found processing;
// RefundFailuresLookFirst reads no more than its limit of the ones that
// wait, oldest first.
func TestRefundFailuresLookFirstCountedAndBounded(t *testing.T) {
	dbtest.ForEachBackend(t, func(t *testing.T, d *db.DB) {
		o, refund, _ := closableRefunds(t, d, "ORD-LOOKS")
		failed := func(reqID, source string) int64 { return refund(reqID, source).ID }
		failed("RF-WAITS", db.SourceOurs)
		looked := failed("RF-LOOKED", db.SourceOurs)
		changed, err := d.LookedAbsent(ctx, looked, "staff@example.com", t0)
		ok(t, changed, err, true, "looked absent")
		found := failed("RF-FOUND", db.SourceOurs)
		changed, err = d.FoundProcessing(ctx, found, "", t0)
		ok(t, changed, err, true, "found processing")
		failed("RF-ANTOMS", db.SourceAntom)
		failed("RF-WAITS2", db.SourceOurs)

		counts, err := d.CountRefundsFailed(ctx)
		check(t, err)
		eq(t, counts, db.RefundFailureCounts{Open: 5, LookFirst: 3, FoundProcessing: 1}, "the counts")
		first := []db.LookFirstFailure{{o.Ref, "RF-WAITS", false}, {o.Ref, "RF-FOUND", true}, {o.Ref, "RF-WAITS2", false}}
		for _, limit := range []int{2, 3, 10} {
			got, err := d.RefundFailuresLookFirst(ctx, limit)
			check(t, err)
			eq(t, got, first[:min(limit, len(first))], "the first that wait, at most the limit")
		}
	})
}
