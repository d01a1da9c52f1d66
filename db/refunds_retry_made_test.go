package db_test

import (
	"testing"

	"antom-checkout/db"
	"antom-checkout/db/dbtest"
)

// A failure F we closed ourselves is tried again by R; Antom then makes
// F after all while R is still processing (R may be paid twice: flagged),
// and R then fails. F paid what R asked for (what was still owed of F):
// the buyer is owed nothing — R is no open failure (not counted, not
// listed, not in what is owed in all, cannot be settled another way) —
// and nothing is paid twice. Only the retry chain's own debt is paid: a
// failure of the same payment outside the chain is still owed.
func TestFailedRetryOfARefundMadeAfterAllOwesNothing(t *testing.T) {
	dbtest.ForEachBackend(t, func(t *testing.T, d *db.DB) {
		o, a := paidAttempt(t, d, "ORD-RMADE", "USD", 10_000, t0)
		refund := func(reqID string, amount, retryOf int64) int64 {
			return processingRefund(t, d, a, reqID, amount, retryOf)
		}
		state := func(open map[int64]int64, twice map[int64]string, what string) {
			t.Helper()
			got, err := d.OpenRefundFailures(ctx, o.ID)
			check(t, err)
			failed, err := d.CountRefundsFailed(ctx)
			check(t, err)
			n := failed.Open
			total, err := d.FailedRefundTotal(ctx, a.ID)
			check(t, err)
			failedRows, err := d.SearchOrders(ctx, db.OrderSearch{RefundFailed: true, Limit: 10})
			check(t, err)
			all, processing, err := d.CountRefundsPaidTwice(ctx, nil)
			check(t, err)
			flags, err := d.OrderRefundsPaidTwice(ctx, o.ID)
			check(t, err)
			twiceRows, err := d.SearchOrders(ctx, db.OrderSearch{RefundPaidTwice: true, Limit: 10})
			check(t, err)
			var owed int64
			for _, v := range open {
				owed += v
			}
			wantProcessing := 0
			for id := range twice {
				r, err := d.RefundByID(ctx, id)
				check(t, err)
				if r.Status == db.RefundProcessing {
					wantProcessing++
				}
			}
			eq(t, []any{got, n, total, len(failedRows) > 0, all, processing, flags, len(twiceRows) > 0},
				[]any{open, len(open), owed, len(open) > 0, len(twice), wantProcessing, twice, len(twice) > 0},
				what+": open failures, count, owed in all, listed failed; paid twice: count, processing, flags, listed")
		}

		f := refund("RF-F", 1_000, 0)
		closeOurs(t, d, f)
		state(map[int64]int64{f: 1_000}, map[int64]string{}, "a failure we closed")
		r := refund("RF-R", 1_000, f)
		state(map[int64]int64{}, map[int64]string{}, "its retry processing")
		late, err := d.SettleRefund(ctx, f, db.RefundFail, db.SourceOurs, db.RefundSuccess, "SUCCESS", "", db.SourceAntom, t0, t0)
		ok(t, late, err, true, "Antom made the failure after all")
		state(map[int64]int64{}, map[int64]string{r: "RF-F"}, "the retry processing, its failure made: maybe twice")
		settleRefund(t, d, r, db.RefundFail)
		state(map[int64]int64{}, map[int64]string{}, "the retry failed: the buyer has F's money, owed nothing")
		unmet, err := d.RefundUnmet(ctx, r)
		check(t, err)
		eq(t, unmet, int64(0), "what is unmet of the failed retry")
		made, err := d.RetryAncestorMade(ctx, r)
		check(t, err)
		eq(t, made, "RF-F", "the refund made earlier in its chain")
		handled, err := d.MarkRefundHandled(ctx, r, "bob", "cash", t0)
		ok(t, handled, err, false, "the failed retry cannot be settled another way")
		m, err := d.AttemptMoney(ctx, a.ID)
		check(t, err)
		eq(t, m.Refunded, int64(1_000), "refunded once")

		// A failure of its own, outside the chain, is still owed.
		g := refund("RF-G", 500, 0)
		settleRefund(t, d, g, db.RefundFail)
		state(map[int64]int64{g: 500}, map[int64]string{}, "another failure of the payment")
	})
}

// A failure F we closed ourselves is tried again by R, which fails too;
// staff settle R with the buyer another way; then Antom makes F after
// all. The buyer got that debt twice (the other way, and F): R is
// flagged paid twice by the one rule (count, filter, order flag naming
// F), owed nothing, and the money figures count both.
func TestRetrySettledAnotherWayThenMadeIsPaidTwice(t *testing.T) {
	dbtest.ForEachBackend(t, func(t *testing.T, d *db.DB) {
		o, a := paidAttempt(t, d, "ORD-RHANDLED", "USD", 10_000, t0)
		other, b := paidAttempt(t, d, "ORD-RPLAIN", "USD", 10_000, t0)
		refund := func(a db.Attempt, reqID string, amount, retryOf int64) int64 {
			return processingRefund(t, d, a, reqID, amount, retryOf)
		}
		twice := func(want map[int64]string, what string) {
			t.Helper()
			all, processing, err := d.CountRefundsPaidTwice(ctx, nil)
			check(t, err)
			flags, err := d.OrderRefundsPaidTwice(ctx, o.ID)
			check(t, err)
			none, err := d.OrderRefundsPaidTwice(ctx, other.ID)
			check(t, err)
			rows, err := d.SearchOrders(ctx, db.OrderSearch{RefundPaidTwice: true, Limit: 10})
			check(t, err)
			var listed []string
			for _, r := range rows {
				listed = append(listed, r.Ref)
			}
			var wantListed []string
			if len(want) > 0 {
				wantListed = []string{o.Ref}
			}
			// The list's badge (RefundMadeTwice) says what the filter keeps.
			rows, err = d.SearchOrders(ctx, db.OrderSearch{Limit: 10})
			check(t, err)
			for _, r := range rows {
				eq(t, r.RefundMadeTwice, r.ID == o.ID && len(want) > 0, what+": "+r.Ref+"'s badge")
			}
			eq(t, []any{all, processing, flags, len(none), listed}, []any{len(want), 0, want, 0, wantListed},
				what+": count, processing, the order's flags, the other order's, listed")
		}

		f := refund(a, "RF-F", 1_000, 0)
		closeOurs(t, d, f)
		r := refund(a, "RF-R", 1_000, f)
		settleRefund(t, d, r, db.RefundFail)
		handled, err := d.MarkRefundHandled(ctx, r, "bob", "bank transfer", t0)
		ok(t, handled, err, true, "the failed retry settled another way")
		// Another order: a failed retry settled another way, its original
		// never made: paid once.
		g := refund(b, "RF-G", 1_000, 0)
		closeOurs(t, d, g)
		s := refund(b, "RF-S", 1_000, g)
		settleRefund(t, d, s, db.RefundFail)
		handled, err = d.MarkRefundHandled(ctx, s, "bob", "cash", t0)
		ok(t, handled, err, true, "the other order's failed retry settled another way")
		twice(map[int64]string{}, "settled another way, its original not made")

		late, err := d.SettleRefund(ctx, f, db.RefundFail, db.SourceOurs, db.RefundSuccess, "SUCCESS", "", db.SourceAntom, t0, t0)
		ok(t, late, err, true, "Antom made the original after all")
		twice(map[int64]string{r: "RF-F"}, "settled another way, then its original made")
		open, err := d.OpenRefundFailures(ctx, o.ID)
		check(t, err)
		eq(t, open, map[int64]int64{}, "open failures")
		m, err := d.AttemptMoney(ctx, a.ID)
		check(t, err)
		eq(t, []any{m.Refunded, m.Handled}, []any{int64(1_000), int64(1_000)}, "refunded and settled another way: both")
	})
}
