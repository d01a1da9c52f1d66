package db_test

import (
	"testing"
	"time"

	"antom-checkout/db"
	"antom-checkout/db/dbtest"
)

func TestCaptures(t *testing.T) {
	dbtest.ForEachBackend(t, func(t *testing.T, d *db.DB) {
		o, a := paidAttempt(t, d, "ORD-1", "USD", 1850, t0)
		first := db.Capture{OrderID: o.ID, AttemptID: a.ID, CaptureRequestID: "CAP-1", Currency: "USD", Amount: 1850,
			Status: db.CaptureProcessing, CreatedBy: "staff:1", CreatedAt: t0}
		id, err := d.InsertCapture(ctx, first)
		check(t, err)
		first.ID, first.UpdatedAt = id, t0
		got, err := d.CaptureByRequestID(ctx, "CAP-1")
		check(t, err)
		eq(t, got, first, "by captureRequestId")
		_, err = d.CaptureByRequestID(ctx, "CAP-NONE")
		is(t, err, db.ErrNotFound, "unknown captureRequestId")
		_, err = d.InsertCapture(ctx, first)
		if err == nil {
			t.Error("a second capture with the same captureRequestId was inserted")
		}

		second := first
		second.CaptureRequestID = "CAP-2"
		second.ID, err = d.InsertCapture(ctx, second)
		check(t, err)
		open, err := d.CapturesInProcess(ctx)
		check(t, err)
		eq(t, len(open), 2, "captures in process")

		t1 := t0.Add(time.Minute)
		changed, err := d.SettleCapture(ctx, id, db.CaptureSuccess, "SUCCESS", "", "CAPID-1", t1)
		ok(t, changed, err, true, "settle")
		changed, err = d.SettleCapture(ctx, id, db.CaptureFail, "PROCESS_FAIL", "", "", t1)
		ok(t, changed, err, false, "settle a final capture")
		changed, err = d.SettleCapture(ctx, second.ID, db.CaptureFail, "PROCESS_FAIL", "", "", t1)
		ok(t, changed, err, true, "settle the second as failed")

		all, err := d.OrderCaptures(ctx, o.ID)
		check(t, err)
		eq(t, []any{all[0].ID, all[0].Status, all[0].CaptureID, all[0].ResultCode, all[0].UpdatedAt},
			[]any{id, db.CaptureSuccess, "CAPID-1", "SUCCESS", t1}, "the first capture, settled")
		eq(t, []any{all[1].ID, all[1].Status, all[1].CaptureID}, []any{second.ID, db.CaptureFail, ""},
			"the second, failed without a captureId")
		open, err = d.CapturesInProcess(ctx)
		check(t, err)
		eq(t, len(open), 0, "captures in process once settled")
	})
}

func TestRefunds(t *testing.T) {
	dbtest.ForEachBackend(t, func(t *testing.T, d *db.DB) {
		o, a := paidAttempt(t, d, "ORD-1", "USD", 10_000, t0)
		refund := func(reqID string, amount int64, next time.Time) db.Refund {
			t.Helper()
			r := db.Refund{OrderID: o.ID, AttemptID: a.ID, RefundRequestID: reqID, Currency: "USD", Amount: amount,
				Reason: "damaged", Status: db.RefundProcessing, NextCheckAt: next, CreatedBy: "staff:1", CreatedAt: t0}
			id, err := d.InsertRefund(ctx, r)
			check(t, err)
			r.ID, r.UpdatedAt = id, t0
			return r
		}
		r1 := refund("RF-1", 1000, t0.Add(time.Minute))
		got, err := d.RefundByID(ctx, r1.ID)
		check(t, err)
		eq(t, got, r1, "by id")
		got, err = d.RefundByRequestID(ctx, "RF-1")
		check(t, err)
		eq(t, got, r1, "by refundRequestId")
		_, err = d.InsertRefund(ctx, r1)
		is(t, err, db.ErrDuplicate, "the same refundRequestId again")
		_, err = d.RefundByID(ctx, r1.ID+100)
		is(t, err, db.ErrNotFound, "unknown id")
		_, err = d.RefundByRequestID(ctx, "RF-NONE")
		is(t, err, db.ErrNotFound, "unknown refundRequestId")
		_, err = d.RefundByRefundID(ctx, "")
		is(t, err, db.ErrNotFound, "an empty refundId finds nothing")

		r2 := refund("RF-2", 2000, t0.Add(3*time.Minute))
		r3 := refund("RF-3", 4000, t0.Add(2*time.Minute))

		t1 := t0.Add(time.Minute)
		check(t, d.SetRefundID(ctx, r1.ID, "REFUND-1", t1))
		check(t, d.SetRefundID(ctx, r1.ID, "REFUND-OTHER", t1)) // the first one stays
		got, err = d.RefundByRefundID(ctx, "REFUND-1")
		check(t, err)
		eq(t, got.ID, r1.ID, "by refundId")

		changed, err := d.SettleRefund(ctx, r1.ID, db.RefundFail, "", db.RefundSuccess, "SUCCESS", "", db.SourceAntom, t1, t1)
		ok(t, changed, err, false, "settle from a status the refund is not in")
		changed, err = d.SettleRefund(ctx, r1.ID, db.RefundProcessing, db.SourceOurs, db.RefundSuccess, "SUCCESS", "", db.SourceAntom, t1, t1)
		ok(t, changed, err, false, "settle from a source the refund does not have")
		changed, err = d.SettleRefund(ctx, r1.ID, db.RefundProcessing, "", db.RefundSuccess, "SUCCESS", "", db.SourceAntom, t1, t1)
		ok(t, changed, err, true, "settle")
		changed, err = d.SettleRefund(ctx, r1.ID, db.RefundProcessing, "", db.RefundFail, "REFUND_FAIL", "", db.SourceAntom, t1, t1)
		ok(t, changed, err, false, "settle a final refund as if still PROCESSING")
		// ORDER_NOT_EXIST without a refundId: we decide it failed.
		changed, err = d.SettleRefund(ctx, r3.ID, db.RefundProcessing, "", db.RefundFail, "ORDER_NOT_EXIST", "", db.SourceOurs, time.Time{}, t1)
		ok(t, changed, err, true, "settle another as failed, by us")
		got, _ = d.RefundByID(ctx, r1.ID)
		eq(t, []any{got.Status, got.ResultCode, got.RefundID, got.RefundedAt, got.FinalSource},
			[]any{db.RefundSuccess, "SUCCESS", "REFUND-1", t1, db.SourceAntom},
			"settled by Antom (an empty refundId keeps the one known)")
		got, _ = d.RefundByID(ctx, r3.ID)
		eq(t, []any{got.Status, got.ResultCode, got.RefundID, got.FinalSource}, []any{db.RefundFail, "ORDER_NOT_EXIST", "", db.SourceOurs},
			"failed by us")

		refunded, processing, err := d.RefundTotals(ctx, a.ID)
		check(t, err)
		eq(t, [2]int64{refunded, processing}, [2]int64{1000, 2000}, "refunded and processing (the failed one counts for neither)")
		// Antom's word later overrides ours, once.
		changed, err = d.SettleRefund(ctx, r3.ID, db.RefundFail, db.SourceAntom, db.RefundSuccess, "SUCCESS", "REFUND-3", db.SourceAntom, t1, t1)
		ok(t, changed, err, false, "settle a FAIL of ours as if Antom's")
		changed, err = d.SettleRefund(ctx, r3.ID, db.RefundFail, db.SourceOurs, db.RefundSuccess, "SUCCESS", "REFUND-3", db.SourceAntom, t1, t1)
		ok(t, changed, err, true, "Antom settles a FAIL of ours")
		changed, err = d.SettleRefund(ctx, r3.ID, db.RefundFail, db.SourceOurs, db.RefundSuccess, "SUCCESS", "REFUND-3", db.SourceAntom, t1, t1)
		ok(t, changed, err, false, "the same again")
		got, _ = d.RefundByID(ctx, r3.ID)
		eq(t, []any{got.Status, got.RefundID, got.RefundedAt, got.FinalSource}, []any{db.RefundSuccess, "REFUND-3", t1, db.SourceAntom},
			"settled by Antom over us")
		refunded, processing, err = d.RefundTotals(ctx, a.ID)
		check(t, err)
		eq(t, [2]int64{refunded, processing}, [2]int64{5000, 2000}, "refunded and processing, after Antom's word")
		refunded, processing, err = d.RefundTotals(ctx, a.ID+100)
		check(t, err)
		eq(t, [2]int64{refunded, processing}, [2]int64{0, 0}, "totals of an attempt without refunds")

		due, err := d.RefundsToCheck(ctx, t0.Add(3*time.Minute))
		check(t, err)
		eq(t, len(due), 1, "refunds due (only the processing one)")
		check(t, d.ScheduleRefundCheck(ctx, r2.ID, t0.Add(time.Hour), t1))
		due, err = d.RefundsToCheck(ctx, t0.Add(3*time.Minute))
		check(t, err)
		eq(t, len(due), 0, "refunds due once rescheduled")

		// A refund we closed ourselves is due while watched, and not once
		// the watch ends; one Antom failed never is.
		r4 := refund("RF-4", 100, t0.Add(time.Minute))
		changed, err = d.SettleRefund(ctx, r4.ID, db.RefundProcessing, "", db.RefundFail, "ORDER_NOT_EXIST", "", db.SourceOurs, time.Time{}, t1)
		ok(t, changed, err, true, "closed by us")
		check(t, d.WatchRefund(ctx, r4.ID, t0.Add(2*time.Minute), t1))
		due, err = d.RefundsToCheck(ctx, t0.Add(3*time.Minute))
		check(t, err)
		eq(t, []int64{due[0].ID, len64(due)}, []int64{r4.ID, 1}, "a watched refund of ours is due")
		check(t, d.WatchRefund(ctx, r4.ID, time.Time{}, t1))
		got, _ = d.RefundByID(ctx, r4.ID)
		eq(t, [2]any{got.Checks, got.NextCheckAt}, [2]any{2, time.Time{}}, "watch ended, looks counted")
		due, err = d.RefundsToCheck(ctx, t0.Add(3*time.Minute))
		check(t, err)
		eq(t, len(due), 0, "no longer watched")
		check(t, d.WatchRefund(ctx, r1.ID, t0, t1)) // SUCCESS: not ours to watch
		due, err = d.RefundsToCheck(ctx, t0.Add(3*time.Minute))
		check(t, err)
		eq(t, len(due), 0, "a refund Antom settled is never watched")

		// Two reconcilers that saw the same count: only one counts.
		changed, err = d.CountRefundNotFound(ctx, r2.ID, 0, t0.Add(2*time.Hour), t1)
		ok(t, changed, err, true, "count a not-found answer")
		changed, err = d.CountRefundNotFound(ctx, r2.ID, 0, t0.Add(2*time.Hour), t1)
		ok(t, changed, err, false, "count the same answer again")
		got, _ = d.RefundByID(ctx, r2.ID)
		eq(t, [2]any{got.Checks, got.NextCheckAt}, [2]any{1, t0.Add(2 * time.Hour)}, "checks and next check")

		all, err := d.OrderRefunds(ctx, o.ID)
		check(t, err)
		eq(t, []int64{all[0].ID, all[1].ID, all[2].ID, all[3].ID}, []int64{r1.ID, r2.ID, r3.ID, r4.ID}, "the order's refunds, oldest first")
	})
}

// AutomaticRefundCounts counts only the refunds we made of surplus
// payments: all, and those not SUCCESS yet; the orders search's
// AutoRefunded lists their orders.
func TestAutomaticRefundCounts(t *testing.T) {
	dbtest.ForEachBackend(t, func(t *testing.T, d *db.DB) {
		counts := func(want [3]int, what string) {
			t.Helper()
			all, open, part, err := d.AutomaticRefundCounts(ctx)
			check(t, err)
			eq(t, [3]int{all, open, part}, want, what)
		}
		counts([3]int{0, 0, 0}, "none")
		o, a := paidAttempt(t, d, "ORD-1", "USD", 10_000, t0)
		refund := func(reqID string, automatic bool, status string) {
			t.Helper()
			r := db.Refund{OrderID: o.ID, AttemptID: a.ID, RefundRequestID: reqID, Currency: "USD", Amount: 100,
				Status: db.RefundProcessing, CreatedAt: t0, Automatic: automatic}
			id, err := d.InsertRefund(ctx, r)
			check(t, err)
			r.ID, r.UpdatedAt = id, t0
			got, err := d.RefundByID(ctx, id)
			check(t, err)
			eq(t, got, r, "the refund as inserted")
			if status != db.RefundProcessing {
				changed, err := d.SettleRefund(ctx, id, db.RefundProcessing, "", status, status, "", db.SourceAntom, t0, t0)
				ok(t, changed, err, true, "settle "+reqID)
			}
		}
		refund("RF-STAFF", false, db.RefundProcessing)
		counts([3]int{0, 0, 0}, "a staff refund")
		eq(t, searchRefs(t, d, db.OrderSearch{AutoRefunded: true}), []string{}, "orders with an automatic refund, a staff refund only")
		refund("RF-A1", true, db.RefundProcessing)
		counts([3]int{1, 1, 0}, "an automatic refund processing")
		eq(t, searchRefs(t, d, db.OrderSearch{AutoRefunded: true}), []string{"ORD-1"}, "orders with an automatic refund")
		refund("RF-A2", true, db.RefundSuccess)
		counts([3]int{2, 1, 0}, "and one succeeded")
		refund("RF-A3", true, db.RefundFail)
		counts([3]int{3, 2, 0}, "and one failed (open: staff must see to it)")
		// A refund made outside this app, taken in after RF-A3 failed:
		// part of RF-A3 given back, the rest owed (still open). The
		// processing RF-A1 is no failure it explains.
		_, err := d.AdoptOutsideRefund(ctx, db.Refund{OrderID: o.ID, AttemptID: a.ID, RefundRequestID: "EXT-1", Currency: "USD",
			Amount: 40, RefundedAt: t0}, t0)
		check(t, err)
		counts([3]int{3, 2, 1}, "the failed one partly given back outside")
	})
}

func len64[T any](s []T) int64 { return int64(len(s)) }

// newRefund inserts a staff refund (by "ann", at t0) of paid attempt a
// and, unless status is PROCESSING, has Antom settle it with
// status; it returns the refund's id.
func newRefund(t testing.TB, d *db.DB, a db.Attempt, reqID string, amount int64, status string) int64 {
	t.Helper()
	id, err := d.InsertRefund(ctx, db.Refund{OrderID: a.OrderID, AttemptID: a.ID, RefundRequestID: reqID, Currency: "USD",
		Amount: amount, Status: db.RefundProcessing, CreatedBy: "ann", CreatedAt: t0})
	check(t, err)
	if status != db.RefundProcessing {
		changed, err := d.SettleRefund(ctx, id, db.RefundProcessing, "", status, "X", "", db.SourceAntom, t0, t0)
		ok(t, changed, err, true, "settle "+reqID)
	}
	return id
}

// A failed staff refund that staff mark handled another way is no longer
// an open problem (dashboard, order filter, the buyer's failed total):
// it counts as handled, with who, when and how; only an open failure can
// be marked, once.
func TestMarkRefundHandled(t *testing.T) {
	dbtest.ForEachBackend(t, func(t *testing.T, d *db.DB) {
		_, a := paidAttempt(t, d, "ORD-H", "USD", 10_000, t0)
		refund := func(reqID string, amount int64, status string) int64 {
			t.Helper()
			return newRefund(t, d, a, reqID, amount, status)
		}
		done := refund("RF-OK", 100, db.RefundSuccess)
		failed := refund("RF-F", 700, db.RefundFail)
		counts := func(open, openTotal, handledTotal int64, what string) {
			t.Helper()
			failed, err := d.CountRefundsFailed(ctx)
			check(t, err)
			n := failed.Open
			f, err := d.FailedRefundTotal(ctx, a.ID)
			check(t, err)
			h, err := d.HandledRefundTotal(ctx, a.ID)
			check(t, err)
			hs, hn, err := d.HandledRefunds(ctx, a.ID)
			check(t, err)
			handled := int64(0)
			if handledTotal > 0 {
				handled = 1
			}
			rows, err := d.SearchOrders(ctx, db.OrderSearch{RefundFailed: true, Limit: 10})
			check(t, err)
			eq(t, []int64{int64(n), f, h, hs, int64(hn), len64(rows)}, []int64{open, openTotal, handledTotal, handledTotal, handled, open},
				what+": open, failed total, handled total (twice), handled refunds, listed")
		}
		counts(1, 700, 0, "a failed refund")

		changed, err := d.MarkRefundHandled(ctx, done, "bob", "paid in cash", t0)
		ok(t, changed, err, false, "mark a refund that succeeded")
		changed, err = d.MarkRefundHandled(ctx, failed, "bob", "bank transfer, ref 42", t0.Add(time.Hour))
		ok(t, changed, err, true, "mark the failed one")
		changed, err = d.MarkRefundHandled(ctx, failed, "cy", "again", t0.Add(2*time.Hour))
		ok(t, changed, err, false, "mark it again")
		got, err := d.RefundByID(ctx, failed)
		check(t, err)
		eq(t, []any{got.HandledBy, got.HandledAt, got.HandledNote, got.Status}, []any{"bob", t0.Add(time.Hour), "bank transfer, ref 42", db.RefundFail},
			"who, when, how; still failed")
		counts(0, 0, 700, "handled another way")

		// Another refund of the payment that fails is a problem of its
		// own; the one handled stays handled.
		refund("RF-F2", 300, db.RefundFail)
		counts(1, 300, 700, "a new refund failed after it")
		// A smaller refund made after it leaves the rest owed; the one
		// handled stays handled (its money went to the buyer).
		refund("RF-OK2", 200, db.RefundSuccess)
		counts(1, 100, 700, "a smaller refund made after them")
		// One still processing counts as made good, as it is taken.
		refund("RF-P", 100, db.RefundProcessing)
		counts(0, 0, 700, "the rest refunded after them")

		// A second failure handled: the buyer reads two refunds' sum.
		f3 := refund("RF-F3", 250, db.RefundFail)
		changed, err = d.MarkRefundHandled(ctx, f3, "bob", "bank transfer, ref 43", t0.Add(3*time.Hour))
		ok(t, changed, err, true, "mark a second failure")
		hs, hn, err := d.HandledRefunds(ctx, a.ID)
		check(t, err)
		eq(t, []int64{hs, int64(hn)}, []int64{950, 2}, "two handled: their sum and count")
	})
}

// Refunds made after failures make good the oldest unmet failure first,
// never a later one: exactly the failures not made good are open, each
// owing its remainder, and the remainders add up to what is owed in all.
func TestRefundFailuresMadeGoodOldestFirst(t *testing.T) {
	dbtest.ForEachBackend(t, func(t *testing.T, d *db.DB) {
		o, a := paidAttempt(t, d, "ORD-FIFO", "USD", 10_000, t0)
		refund := func(reqID string, amount int64, status string) int64 {
			t.Helper()
			return newRefund(t, d, a, reqID, amount, status)
		}
		state := failureState(t, d, o, a)
		// Failed $4, a refund of $4 makes it good, failed $4 again: only
		// the second is open.
		f1 := refund("RF-F1", 400, db.RefundFail)
		state(map[int64]int64{f1: 400}, 400, "a failure")
		refund("RF-OK1", 400, db.RefundSuccess)
		state(map[int64]int64{}, 0, "made good")
		f2 := refund("RF-F2", 400, db.RefundFail)
		state(map[int64]int64{f2: 400}, 400, "a later failure is open alone")
		changed, err := d.MarkRefundHandled(ctx, f1, "bob", "cash", t0)
		ok(t, changed, err, false, "the made-good failure cannot be marked handled")
		// Another failure, then a refund smaller than both: the oldest
		// unmet (f2) is made good first, partly.
		f3 := refund("RF-F3", 300, db.RefundFail)
		state(map[int64]int64{f2: 400, f3: 300}, 700, "two unmet failures")
		refund("RF-P1", 100, db.RefundProcessing)
		state(map[int64]int64{f2: 300, f3: 300}, 600, "the oldest made good in part: it owes the rest")
		refund("RF-OK2", 350, db.RefundSuccess)
		state(map[int64]int64{f3: 250}, 250, "the oldest made good, the next in part")
		// A refund never makes good a later failure: a refund beyond what
		// was owed is not kept for failures to come.
		refund("RF-OK3", 1000, db.RefundSuccess)
		state(map[int64]int64{}, 0, "all made good")
		f4 := refund("RF-F4", 200, db.RefundFail)
		state(map[int64]int64{f4: 200}, 200, "a failure after a large refund")
		changed, err = d.MarkRefundHandled(ctx, f4, "bob", "store credit", t0)
		ok(t, changed, err, true, "the open failure can be marked handled")
		state(map[int64]int64{}, 0, "handled another way")
	})
}

// AttemptMoney reads, for one attempt only, its successful captures,
// its refunds that succeeded and those processing, and its failed
// refunds settled another way; a failed refund still open, a failed or
// processing capture and another attempt's money count for none. It
// reads the same inside a transaction; an unknown attempt is
// ErrNotFound.
func TestAttemptMoney(t *testing.T) {
	dbtest.ForEachBackend(t, func(t *testing.T, d *db.DB) {
		o, a := paidAttempt(t, d, "ORD-M", "USD", 10_000, t0)
		other, b := paidAttempt(t, d, "ORD-N", "USD", 10_000, t0)
		money := func(want db.AttemptMoney, what string) {
			t.Helper()
			got, err := d.AttemptMoney(ctx, a.ID)
			check(t, err)
			eq(t, got, want, what)
			check(t, d.Tx(ctx, func(q *db.Queries) error {
				got, err := q.AttemptMoney(ctx, a.ID)
				eq(t, got, want, what+", in a transaction")
				return err
			}))
		}
		money(db.AttemptMoney{}, "nothing yet")

		capture := func(o db.Order, a db.Attempt, reqID string, amount int64, status string) {
			t.Helper()
			id, err := d.InsertCapture(ctx, db.Capture{OrderID: o.ID, AttemptID: a.ID, CaptureRequestID: reqID, Currency: "USD",
				Amount: amount, Status: db.CaptureProcessing, CreatedAt: t0})
			check(t, err)
			if status != db.CaptureProcessing {
				changed, err := d.SettleCapture(ctx, id, status, status, "", "", t0)
				ok(t, changed, err, true, "settle "+reqID)
			}
		}
		capture(o, a, "CAP-OK", 6000, db.CaptureSuccess)
		capture(o, a, "CAP-OK2", 1000, db.CaptureSuccess)
		capture(o, a, "CAP-F", 500, db.CaptureFail)
		capture(o, a, "CAP-P", 200, db.CaptureProcessing)
		capture(other, b, "CAP-B", 900, db.CaptureSuccess)
		money(db.AttemptMoney{Captured: 7000}, "captures")

		newRefund(t, d, a, "RF-OK", 300, db.RefundSuccess)
		newRefund(t, d, a, "RF-OK2", 30, db.RefundSuccess)
		newRefund(t, d, a, "RF-P", 200, db.RefundProcessing)
		handled := newRefund(t, d, a, "RF-H", 100, db.RefundFail)
		newRefund(t, d, a, "RF-F", 50, db.RefundFail)
		newRefund(t, d, b, "RF-B", 400, db.RefundSuccess)
		money(db.AttemptMoney{Captured: 7000, Refunded: 330, Processing: 200}, "refunds; failed ones count for none")
		changed, err := d.MarkRefundHandled(ctx, handled, "bob", "cash", t0)
		ok(t, changed, err, true, "mark RF-H handled")
		money(db.AttemptMoney{Captured: 7000, Refunded: 330, Processing: 200, Handled: 100}, "one failure settled another way")

		_, err = d.AttemptMoney(ctx, b.ID+100)
		is(t, err, db.ErrNotFound, "an unknown attempt")
	})
}

// A failure marked handled another way records what was still owed of it
// then (a refund after it made part good), and that is what counts as
// settled: for what may still be refunded (AttemptMoney) and what the
// buyer reads (HandledRefundTotal). If Antom then makes the refund after
// all, the settled money still counts (the buyer got it twice) and it is
// counted as paid twice; the buyer's "could not be made" leaves it out.
func TestHandledAmountIsWhatWasOwed(t *testing.T) {
	dbtest.ForEachBackend(t, func(t *testing.T, d *db.DB) {
		_, a := paidAttempt(t, d, "ORD-HA", "USD", 1850, t0)
		settled := func(money, buyer int64, twice int, what string) {
			t.Helper()
			m, err := d.AttemptMoney(ctx, a.ID)
			check(t, err)
			h, err := d.HandledRefundTotal(ctx, a.ID)
			check(t, err)
			n, _, err := d.CountRefundsPaidTwice(ctx, nil)
			check(t, err)
			eq(t, []any{m.Handled, h, n}, []any{money, buyer, twice}, what+": settled (refundable), settled (buyer), paid twice")
		}
		newRefund(t, d, a, "RF-F1", 400, db.RefundFail)
		newRefund(t, d, a, "RF-OK1", 400, db.RefundSuccess)
		f2 := newRefund(t, d, a, "RF-F2", 400, db.RefundProcessing)
		changed, err := d.SettleRefund(ctx, f2, db.RefundProcessing, "", db.RefundFail, "X", "", db.SourceOurs, t0, t0)
		ok(t, changed, err, true, "we close RF-F2 as failed")
		newRefund(t, d, a, "RF-OK2", 100, db.RefundSuccess)
		changed, err = d.MarkRefundHandled(ctx, f2, "bob", "cash", t0)
		ok(t, changed, err, true, "mark the $3 still owed handled")
		r, err := d.RefundByID(ctx, f2)
		check(t, err)
		eq(t, r.HandledAmount, int64(300), "the handled amount is what was owed, not the refund's $4")
		settled(300, 300, 0, "a partly made-good failure handled")

		// Antom makes the refund we had closed as failed after all.
		changed, err = d.SettleRefund(ctx, f2, db.RefundFail, db.SourceOurs, db.RefundSuccess, "SUCCESS", "2026", db.SourceAntom, t0, t0)
		ok(t, changed, err, true, "late success")
		settled(300, 0, 1, "made after all")
		m, err := d.AttemptMoney(ctx, a.ID)
		check(t, err)
		eq(t, m.Refunded, int64(900), "refunded: $4 + $1 + the late $4")
	})
}
