package db_test

import (
	"testing"

	"antom-checkout/db"
	"antom-checkout/db/dbtest"
)

// Failed refunds never leave more owed than may still be refunded of the
// payment (paid less refunded, processing and settled another way): the
// cap is allotted to the failures oldest first, a failure allotted
// nothing is not open, and marking one handled records its allotment —
// so paid = refunded + settled another way + refundable always holds.
// The fresh-user trial: on $7.25, $2 fails, then $7 fails ($9 asked);
// the $2 is retried and done, the $7 settled another way.
func TestFailuresOweNoMoreThanIsLeft(t *testing.T) {
	dbtest.ForEachBackend(t, func(t *testing.T, d *db.DB) {
		o, a := paidAttempt(t, d, "ORD-CAP", "USD", 725, t0)
		state := failureState(t, d, o, a)
		adds := func(what string) {
			t.Helper()
			m, err := d.AttemptMoney(ctx, a.ID)
			check(t, err)
			owed, err := d.FailedRefundTotal(ctx, a.ID)
			check(t, err)
			left := 725 - m.Refunded - m.Processing - m.Handled
			if left < 0 || owed > left {
				t.Errorf("%s: refunded %d, processing %d, settled %d of 725 leave %d; %d owed", what, m.Refunded, m.Processing, m.Handled, left, owed)
			}
		}
		f1 := newRefund(t, d, a, "RF-F1", 200, db.RefundFail)
		state(map[int64]int64{f1: 200}, 200, "$2 failed")
		f2 := newRefund(t, d, a, "RF-F2", 700, db.RefundFail)
		state(map[int64]int64{f1: 200, f2: 525}, 725, "$7 failed too: $9 asked, $7.25 owed, oldest first")
		adds("two failures")
		owed, err := d.RefundFailuresOwed(ctx, o.ID)
		check(t, err)
		eq(t, owed, map[int64]db.RefundOwed{f1: {Owed: 200, Unmet: 200}, f2: {Owed: 525, Unmet: 700}}, "owed, and unmet before the cap")

		// The $2 is tried again: while processing, and once done, the $7
		// failure is owed what is left, $5.25.
		r1, err := d.InsertRefund(ctx, db.Refund{OrderID: o.ID, AttemptID: a.ID, RefundRequestID: "RF-R1", Currency: "USD",
			Amount: 200, Status: db.RefundProcessing, CreatedBy: "ann", CreatedAt: t0, RetryOf: f1})
		check(t, err)
		state(map[int64]int64{f2: 525}, 525, "the $2 retried, processing")
		settleRefund(t, d, r1, db.RefundSuccess)
		state(map[int64]int64{f2: 525}, 525, "the $2 retried, done")
		adds("the $2 made again")

		changed, err := d.MarkRefundHandled(ctx, f2, "bob", "bank transfer", t0)
		ok(t, changed, err, true, "mark the $7 failure handled")
		r, err := d.RefundByID(ctx, f2)
		check(t, err)
		eq(t, r.HandledAmount, int64(525), "handled amount: what it was owed ($5.25), not its $7")
		m, err := d.AttemptMoney(ctx, a.ID)
		check(t, err)
		eq(t, []any{m.Refunded, m.Processing, m.Handled}, []any{int64(200), int64(0), int64(525)},
			"refunded, processing, settled another way: $7.25 in all")
		h, err := d.HandledRefundTotal(ctx, a.ID)
		check(t, err)
		eq(t, h, int64(525), "settled another way, as the buyer reads it")
		state(map[int64]int64{}, 0, "all settled")
	})
}

// A failure allotted nothing because earlier failures take all that may
// still be refunded is not open (not listed, not counted, cannot be
// marked handled); it is open again, and owed its share, when money
// becomes refundable again (a refund processing fails), and a refund
// made after failures still makes them good oldest first before the cap
// applies.
func TestFailureAllottedNothingIsNotOpen(t *testing.T) {
	dbtest.ForEachBackend(t, func(t *testing.T, d *db.DB) {
		o, a := paidAttempt(t, d, "ORD-CAP0", "USD", 1000, t0)
		state := failureState(t, d, o, a)
		newRefund(t, d, a, "RF-OK", 600, db.RefundSuccess)
		f1 := newRefund(t, d, a, "RF-F1", 300, db.RefundFail)
		state(map[int64]int64{f1: 300}, 300, "$3 failed after $6 refunded")
		f2 := newRefund(t, d, a, "RF-F2", 300, db.RefundFail)
		state(map[int64]int64{f1: 300, f2: 100}, 400, "$3 failed again: $4 left, the newer is owed $1")
		// $4 processing makes good $3 of f1 and $1 of f2: f2 has $2 unmet,
		// but nothing is left of the payment — it is not open.
		p := newRefund(t, d, a, "RF-P", 400, db.RefundProcessing)
		state(map[int64]int64{}, 0, "$4 processing takes all that is left")
		changed, err := d.MarkRefundHandled(ctx, f2, "bob", "cash", t0)
		ok(t, changed, err, false, "a failure owed nothing cannot be marked handled")
		unmet, err := d.RefundUnmet(ctx, f2)
		check(t, err)
		eq(t, unmet, int64(200), "unmet of the failure owed nothing")
		unmet, err = d.RefundUnmet(ctx, f1)
		check(t, err)
		eq(t, unmet, int64(0), "unmet of the failure made good")
		// The $4 fails: it owes nothing of its own (the newest, after
		// f1 and f2 take the $4 left), and f2 is owed its $1 again.
		settleRefund(t, d, p, db.RefundFail)
		state(map[int64]int64{f1: 300, f2: 100}, 400, "the $4 failed: the oldest failures take what is left")
		changed, err = d.MarkRefundHandled(ctx, p, "bob", "cash", t0)
		ok(t, changed, err, false, "the newest failure, owed nothing, cannot be marked handled")
		changed, err = d.MarkRefundHandled(ctx, f1, "bob", "cash", t0)
		ok(t, changed, err, true, "mark f1 handled")
		state(map[int64]int64{f2: 100}, 100, "f1 settled: $1 left, owed to f2")
		m, err := d.AttemptMoney(ctx, a.ID)
		check(t, err)
		eq(t, []any{m.Refunded, m.Processing, m.Handled}, []any{int64(600), int64(0), int64(300)}, "refunded, processing, settled")
	})
}
