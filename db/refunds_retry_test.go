package db_test

import (
	"testing"

	"antom-checkout/db"
	"antom-checkout/db/dbtest"
)

// A failed refund that staff try again (a refund whose RetryOf names it)
// owes nothing of its own: the retry makes exactly it good while
// processing or done, and is the one open failure if it fails too (one
// debt, not two), to be tried again in turn. A retry makes good no other
// failure (FIFO is for refunds of their own), refunds of their own still
// make good failures oldest first — a failed retry among them — and a
// failure is retried at most once. Every count agrees: the open failures
// and their remainders, the dashboard's count, what is owed in all, the
// orders filter.
func TestRefundRetryTakesTheFailuresPlace(t *testing.T) {
	dbtest.ForEachBackend(t, func(t *testing.T, d *db.DB) {
		o, a := paidAttempt(t, d, "ORD-RETRY", "USD", 10_000, t0)
		refund := func(reqID string, amount int64, status string, retryOf int64) int64 {
			t.Helper()
			id := processingRefund(t, d, a, reqID, amount, retryOf)
			if status != db.RefundProcessing {
				settleRefund(t, d, id, status)
			}
			return id
		}
		state := failureState(t, d, o, a)
		refunded := func(want int64, what string) {
			t.Helper()
			m, err := d.AttemptMoney(ctx, a.ID)
			check(t, err)
			eq(t, m.Refunded, want, what+": refunded")
		}

		// $4 fails; tried again, processing: it is made good by its retry.
		f1 := refund("RF-F1", 400, db.RefundFail, 0)
		state(map[int64]int64{f1: 400}, 400, "a failure")
		r1 := refund("RF-R1", 400, db.RefundProcessing, f1)
		state(map[int64]int64{}, 0, "its retry processing")
		r, err := d.RetryOfRefund(ctx, f1)
		check(t, err)
		eq(t, []any{r.ID, r.RetryOf}, []any{r1, f1}, "the retry of f1, and what it retries")
		_, err = d.RetryOfRefund(ctx, r1)
		is(t, err, db.ErrNotFound, "a refund nobody retried")
		// The retry fails too: it is the one open failure, of $4.
		settleRefund(t, d, r1, db.RefundFail)
		state(map[int64]int64{r1: 400}, 400, "the retry failed: one debt, not two")
		changed, err := d.MarkRefundHandled(ctx, f1, "bob", "cash", t0)
		ok(t, changed, err, false, "the retried failure cannot be marked handled")
		_, err = d.InsertRefund(ctx, db.Refund{OrderID: o.ID, AttemptID: a.ID, RefundRequestID: "RF-R1B", Currency: "USD",
			Amount: 400, Status: db.RefundProcessing, CreatedAt: t0, RetryOf: f1})
		is(t, err, db.ErrDuplicate, "a second retry of the same failure")
		// A retry of the retry succeeds: nothing owed, $4 refunded once.
		refund("RF-R2", 400, db.RefundSuccess, r1)
		state(map[int64]int64{}, 0, "the retry of the retry done")
		refunded(400, "after the retries")

		// A refund of its own after a failure still makes it good.
		f2 := refund("RF-F2", 300, db.RefundFail, 0)
		state(map[int64]int64{f2: 300}, 300, "a second failure")
		refund("RF-G1", 300, db.RefundSuccess, 0)
		state(map[int64]int64{}, 0, "made good by a refund of its own")

		// A retry makes good only the failure it retries, not an older one.
		f3 := refund("RF-F3", 200, db.RefundFail, 0)
		f4 := refund("RF-F4", 500, db.RefundFail, 0)
		refund("RF-R4", 500, db.RefundSuccess, f4)
		state(map[int64]int64{f3: 200}, 200, "the retry of the newer failure leaves the older owed")
		refund("RF-R3", 200, db.RefundProcessing, f3)
		state(map[int64]int64{}, 0, "the older one retried too")

		// A failed retry is a failure like any: a later refund of its own
		// makes it good; one made before it does not.
		f5 := refund("RF-F5", 400, db.RefundFail, 0)
		refund("RF-G2", 100, db.RefundSuccess, 0)
		state(map[int64]int64{f5: 300}, 300, "a failure made good in part")
		r5 := refund("RF-R5", 300, db.RefundFail, f5)
		state(map[int64]int64{r5: 300}, 300, "its retry of what was owed failed: it owes that")
		refund("RF-G3", 300, db.RefundProcessing, 0)
		state(map[int64]int64{}, 0, "a later refund of its own made the failed retry good")
		refunded(400+300+500+100, "in all (RF-R3 and RF-G3 still processing)")

		// Marking handled works on the open failure, the failed retry.
		f6 := refund("RF-F6", 700, db.RefundFail, 0)
		r6 := refund("RF-R6", 700, db.RefundFail, f6)
		changed, err = d.MarkRefundHandled(ctx, r6, "bob", "bank transfer", t0)
		ok(t, changed, err, true, "the failed retry marked handled")
		state(map[int64]int64{}, 0, "the failed retry handled another way")
		h, err := d.HandledRefundTotal(ctx, a.ID)
		check(t, err)
		eq(t, h, int64(700), "settled another way: the retry's $7, once")
	})
}

func settleRefund(t *testing.T, d *db.DB, id int64, status string) {
	t.Helper()
	changed, err := d.SettleRefund(ctx, id, db.RefundProcessing, "", status, "X", "", db.SourceAntom, t0, t0)
	ok(t, changed, err, true, "settle")
}

// A failed refund we closed ourselves (Antom never showed it) that staff
// tried again, and that Antom then made after all while its retry was
// made too: the buyer got the retry's amount twice. The retry is the one
// refund counted paid twice — flagged while still processing (Antom may
// yet make it), counted once made, not at all if it fails — by the same
// rule for the dashboard's count, the orders filter and the order's
// flags; in a chain (a retry of a retry) any two refunds made count, each
// retry made beyond the first once.
func TestRetriedRefundMadeTwice(t *testing.T) {
	dbtest.ForEachBackend(t, func(t *testing.T, d *db.DB) {
		o, a := paidAttempt(t, d, "ORD-TWICE", "USD", 10_000, t0)
		other, b := paidAttempt(t, d, "ORD-ONCE", "USD", 10_000, t0)
		refund := func(a db.Attempt, reqID string, amount, retryOf int64) int64 {
			return processingRefund(t, d, a, reqID, amount, retryOf)
		}
		late := func(id int64) { // Antom made it after all
			t.Helper()
			changed, err := d.SettleRefund(ctx, id, db.RefundFail, db.SourceOurs, db.RefundSuccess, "SUCCESS", "", db.SourceAntom, t0, t0)
			ok(t, changed, err, true, "late success")
		}
		twice := func(all, processing int, flags map[int64]string, what string) {
			t.Helper()
			n, p, err := d.CountRefundsPaidTwice(ctx, nil)
			check(t, err)
			got, err := d.OrderRefundsPaidTwice(ctx, o.ID)
			check(t, err)
			none, err := d.OrderRefundsPaidTwice(ctx, other.ID)
			check(t, err)
			rows, err := d.SearchOrders(ctx, db.OrderSearch{RefundPaidTwice: true, Limit: 10})
			check(t, err)
			var listed []string
			for _, r := range rows {
				listed = append(listed, r.Ref)
			}
			var want []string
			if len(flags) > 0 {
				want = []string{o.Ref}
			}
			eq(t, []any{n, p, got, len(none), listed}, []any{all, processing, flags, 0, want},
				what+": count, processing, the order's flags, the other order's, listed")
		}

		// $1 closed as failed by us, tried again and made; then Antom
		// makes the original after all.
		f1 := refund(a, "RF-F1", 100, 0)
		closeOurs(t, d, f1)
		r1 := refund(a, "RF-R1", 100, f1)
		twice(0, 0, map[int64]string{}, "a retry processing of a failure")
		settleRefund(t, d, r1, db.RefundSuccess)
		twice(0, 0, map[int64]string{}, "the retry made")
		late(f1)
		twice(1, 0, map[int64]string{r1: "RF-F1"}, "the original made after all")
		m, err := d.AttemptMoney(ctx, a.ID)
		check(t, err)
		eq(t, m.Refunded, int64(200), "both count as refunded")

		// A retry still processing when the original is made: it may be
		// made too — flagged as processing; if it fails, nothing twice.
		f2 := refund(a, "RF-F2", 300, 0)
		closeOurs(t, d, f2)
		r2 := refund(a, "RF-R2", 300, f2)
		late(f2)
		twice(2, 1, map[int64]string{r1: "RF-F1", r2: "RF-F2"}, "a retry processing when its original was made")
		settleRefund(t, d, r2, db.RefundFail)
		twice(1, 0, map[int64]string{r1: "RF-F1"}, "that retry failed")

		// A chain: the failure's retry fails (closed by us), its retry is
		// made, then the first retry is made after all, then the original.
		f3 := refund(a, "RF-F3", 200, 0)
		closeOurs(t, d, f3)
		r3 := refund(a, "RF-R3", 200, f3)
		closeOurs(t, d, r3)
		r33 := refund(a, "RF-R33", 200, r3)
		settleRefund(t, d, r33, db.RefundSuccess)
		twice(1, 0, map[int64]string{r1: "RF-F1"}, "a chain made once")
		late(r3)
		twice(2, 0, map[int64]string{r1: "RF-F1", r33: "RF-R3"}, "a chain's first retry made after all")
		late(f3)
		twice(3, 0, map[int64]string{r1: "RF-F1", r3: "RF-F3", r33: "RF-R3"}, "the chain made three times: two extra")

		// Another order's retry made once is not listed.
		f4 := refund(b, "RF-F4", 100, 0)
		closeOurs(t, d, f4)
		settleRefund(t, d, refund(b, "RF-R4", 100, f4), db.RefundSuccess)
		twice(3, 0, map[int64]string{r1: "RF-F1", r3: "RF-F3", r33: "RF-R3"}, "another order's retry made once")
	})
}
