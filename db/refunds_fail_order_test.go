package db_test

import (
	"testing"

	"antom-checkout/db"
	"antom-checkout/db/dbtest"
)

// A refund makes good only the failures that failed before it was made,
// never one still processing when it was made. The fresh-user trial: on
// ¥2,400 paid, ¥1,000 is refunded and stays processing; ¥1,400 (all
// that was left) is refunded and done; then the ¥1,000 fails. The
// ¥1,400 was not meant to make it good: the ¥1,000 is an open failure,
// owed ¥1,000 (all that may still be refunded) — listed, counted,
// totalled, retryable and markable — until a refund made after it
// failed makes it good.
func TestRefundMadeBeforeAFailureFailedDoesNotMakeItGood(t *testing.T) {
	dbtest.ForEachBackend(t, func(t *testing.T, d *db.DB) {
		o, a := paidAttempt(t, d, "ORD-FIFO", "JPY", 2400, t0)
		state := failureState(t, d, o, a)
		refund := func(reqID string, amount int64) int64 {
			t.Helper()
			id, err := d.InsertRefund(ctx, db.Refund{OrderID: o.ID, AttemptID: a.ID, RefundRequestID: reqID, Currency: "JPY",
				Amount: amount, Status: db.RefundProcessing, CreatedBy: "ann", CreatedAt: t0})
			check(t, err)
			return id
		}
		ra := refund("RF-A", 1000)
		rb := refund("RF-B", 1400)
		settleRefund(t, d, rb, db.RefundSuccess)
		state(map[int64]int64{}, 0, "¥1,000 processing, ¥1,400 done")
		settleRefund(t, d, ra, db.RefundFail)
		state(map[int64]int64{ra: 1000}, 1000, "the ¥1,000 failed after the ¥1,400 was made")
		owed, err := d.RefundFailuresOwed(ctx, o.ID)
		check(t, err)
		eq(t, owed, map[int64]db.RefundOwed{ra: {Owed: 1000, Unmet: 1000}}, "owed, and unmet before the cap")
		unmet, err := d.RefundUnmet(ctx, ra)
		check(t, err)
		eq(t, unmet, int64(1000), "unmet of the ¥1,000")

		// A refund made after it failed makes it good, processing or done.
		rc := refund("RF-C", 1000)
		state(map[int64]int64{}, 0, "¥1,000 refunded again, processing")
		changed, err := d.MarkRefundHandled(ctx, ra, "bob", "cash", t0)
		ok(t, changed, err, false, "made good: cannot be marked handled")
		settleRefund(t, d, rc, db.RefundSuccess)
		state(map[int64]int64{}, 0, "¥1,000 refunded again, done")
		unmet, err = d.RefundUnmet(ctx, ra)
		check(t, err)
		eq(t, unmet, int64(0), "unmet once made good")
	})
}

// Failures are made good in the order they failed, not the order they
// were made: of ¥1,000, A (¥300) stays processing while B (¥300) fails;
// C (¥300), made after B failed, makes B good — not A, which was still
// processing when C was made. A then fails and is the one open, owed
// its ¥300; marking it handled records the ¥300.
func TestFailuresAreMadeGoodInTheOrderTheyFailed(t *testing.T) {
	dbtest.ForEachBackend(t, func(t *testing.T, d *db.DB) {
		o, a := paidAttempt(t, d, "ORD-FIFO2", "USD", 1000, t0)
		ra := newRefund(t, d, a, "RF-A", 300, db.RefundProcessing)
		rb := newRefund(t, d, a, "RF-B", 300, db.RefundFail)
		newRefund(t, d, a, "RF-C", 300, db.RefundSuccess)
		open, err := d.OpenRefundFailures(ctx, o.ID)
		check(t, err)
		eq(t, open, map[int64]int64{}, "B made good by C")
		settleRefund(t, d, ra, db.RefundFail)
		open, err = d.OpenRefundFailures(ctx, o.ID)
		check(t, err)
		eq(t, open, map[int64]int64{ra: 300}, "A failed after C was made: A open, B still made good")
		unmet, err := d.RefundUnmet(ctx, rb)
		check(t, err)
		eq(t, unmet, int64(0), "B unmet")
		changed, err := d.MarkRefundHandled(ctx, ra, "bob", "cash", t0)
		ok(t, changed, err, true, "mark A handled")
		r, err := d.RefundByID(ctx, ra)
		check(t, err)
		eq(t, r.HandledAmount, int64(300), "A's handled amount")
		failed, err := d.CountRefundsFailed(ctx)
		check(t, err)
		n := failed.Open
		eq(t, n, 0, "nothing open")
	})
}
