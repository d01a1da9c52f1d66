package db_test

import (
	"testing"

	"antom-checkout/db"
	"antom-checkout/db/dbtest"
)

// A refund we closed as failed ourselves that staff made good already —
// settled another way, or tried again (the retry made, processing, or
// failed and settled another way) — that Antom is then found processing:
// the buyer may get it twice (refundFoundTwice). It is counted among
// those that may be made twice, badged "may be" and kept by the filter,
// and named on the order; a later Refund lookup that finds none takes it
// back, and Antom making it turns it into one made twice (the older rule).
func TestRefundsFoundProcessingAfterBeingMadeGood(t *testing.T) {
	dbtest.ForEachBackend(t, func(t *testing.T, d *db.DB) {
		o, a := paidAttempt(t, d, "ORD-FOUND", "USD", 10_000, t0)
		found := func(id int64) {
			t.Helper()
			changed, err := d.FoundProcessing(ctx, id, "", t0)
			ok(t, changed, err, true, "found processing")
		}
		state := func(wantFound, wantMade map[int64]string, what string) {
			t.Helper()
			gotFound, err := d.OrderRefundsFoundTwice(ctx, o.ID)
			check(t, err)
			gotMade, err := d.OrderRefundsPaidTwice(ctx, o.ID)
			check(t, err)
			all, maybe, err := d.CountRefundsPaidTwice(ctx, nil)
			check(t, err)
			rows, err := d.SearchOrders(ctx, db.OrderSearch{RefundPaidTwice: true, Limit: 10})
			check(t, err)
			var badges [2]bool
			for _, r := range rows {
				if r.ID == o.ID {
					badges = [2]bool{r.RefundMadeTwice, r.RefundMaybeTwice}
				}
			}
			eq(t, []any{gotFound, gotMade, all, maybe, badges},
				[]any{wantFound, wantMade, len(wantFound) + len(wantMade), len(wantFound), [2]bool{len(wantMade) > 0, len(wantFound) > 0}},
				what+": found twice, made twice, counted (all, maybe), the list's badges (made, maybe)")
		}

		// Settled another way, then found processing.
		s := processingRefund(t, d, a, "RF-S", 300, 0)
		closeOurs(t, d, s)
		looked, err := d.LookedAbsent(ctx, s, "ann", t0)
		ok(t, looked, err, true, "looked up: none")
		handled, err := d.MarkRefundHandled(ctx, s, "ann", "bank transfer", t0)
		ok(t, handled, err, true, "settled another way")
		state(map[int64]string{}, map[int64]string{}, "settled another way")
		found(s)
		state(map[int64]string{s: ""}, map[int64]string{}, "settled, then found processing")

		// Tried again: the retry processing, then made, while Antom is
		// found processing the one it tries again.
		f := processingRefund(t, d, a, "RF-F", 200, 0)
		closeOurs(t, d, f)
		r := processingRefund(t, d, a, "RF-R", 200, f)
		found(f)
		state(map[int64]string{s: "", r: "RF-F"}, map[int64]string{}, "the retry processing, its original found processing")
		settleRefund(t, d, r, db.RefundSuccess)
		state(map[int64]string{s: "", r: "RF-F"}, map[int64]string{}, "the retry made, its original found processing")

		// A lookup finding none takes the settled one back; Antom making
		// the retried one makes its retry paid twice (the older rule).
		looked, err = d.LookedAbsent(ctx, s, "ann", t0)
		ok(t, looked, err, true, "looked up again: none")
		made, err := d.SettleRefund(ctx, f, db.RefundFail, db.SourceOurs, db.RefundSuccess, "SUCCESS", "", db.SourceAntom, t0, t0)
		ok(t, made, err, true, "Antom made the original")
		state(map[int64]string{}, map[int64]string{r: "RF-F"}, "the original made")
	})
}
