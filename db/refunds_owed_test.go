package db_test

import (
	"fmt"
	"maps"
	"math/rand/v2"
	"slices"
	"testing"

	"antom-checkout/db"
	"antom-checkout/db/dbtest"
)

// What failed staff refunds leave owed reads the same through
// refundsOwed (each failure's conditions read once, in a WITH) as through
// the rule's earlier spelling (refunds_owed_old_test.go), on random
// refund histories of three payments (two attempts of one order, one of
// them a second payment; a MANUAL authorization captured in part): every
// statement that reads it — FailedRefunds, RefundFailuresOwed,
// RefundUnmet, CountRefundsFailed, the orders list's flag and filter —
// and MarkRefundHandled, which records an allotment, marked on random
// refunds one after another (so histories with refunds settled another
// way are compared too).
func TestRefundsOwedAsBefore(t *testing.T) {
	dbtest.ForEachBackend(t, func(t *testing.T, d *db.DB) {
		histories := 12
		if testing.Short() {
			histories = 4
		}
		var seen owedCases
		for h := range histories {
			rng := rand.New(rand.NewPCG(uint64(h), 7))
			w := newRefundWorld(t, d, fmt.Sprintf("OWED-%d", h), &seen)
			w.randomRefunds(rng, 8+rng.IntN(12))
			w.compare(fmt.Sprintf("history %d", h))
			for i := range 4 {
				id := w.refunds[rng.IntN(len(w.refunds))]
				w.markHandled(id, fmt.Sprintf("history %d, mark %d (refund %d)", h, i, id))
				w.compare(fmt.Sprintf("history %d after mark %d", h, i))
			}
		}
		// The histories hold the cases the rule is about, or the
		// comparison says little.
		if seen.open == 0 || seen.capped == 0 || seen.madeGood == 0 || seen.closed == 0 {
			t.Errorf("random histories too plain: %+v", seen)
		}
		t.Logf("compared: %+v", seen)
	})
}

// owedCases counts the open failures compared: all of them, those owed
// less than their remainder (the payment's cap), those whose remainder
// is less than their amount (made good in part by refunds after them),
// and the failures not open for either reason (allotted nothing).
type owedCases struct{ open, capped, madeGood, closed int }

// refundWorld is one history's orders, attempts and refunds.
type refundWorld struct {
	t        *testing.T
	d        *db.DB
	prefix   string
	orders   []int64
	attempts []db.Attempt
	refunds  []int64
	fails    map[int64]db.Refund // the FAIL refunds, by id
	roots    map[int64]int64     // each retry's retry_root, by id
	retried  map[int64]bool
	n        int
	seen     *owedCases
}

// newRefundWorld makes order 1, paid ($20.00) and paid again by a
// second attempt, and order 2, a $10.00 authorization of which $6.00 was
// captured.
func newRefundWorld(t *testing.T, d *db.DB, prefix string, seen *owedCases) *refundWorld {
	o1, a1 := paidAttempt(t, d, prefix+"-1", "USD", 2000, t0)
	a2 := newAttempt(t, d, o1, "PR-"+prefix+"-1B")
	changed, err := d.SettleAttempt(ctx, a2.ID, db.AttemptProcessing, "", db.Settlement{Status: db.AttemptSuccess,
		Code: "SUCCESS", PaymentID: "PAY-" + prefix + "-1B", PaidAt: t0, Source: db.SourceAntom}, t0)
	ok(t, changed, err, true, "second payment")
	a2, err = d.AttemptByID(ctx, a2.ID)
	check(t, err)
	a3 := authorizedAttempt(t, d, prefix+"-2")
	captured(t, d, a3, "CAP-"+prefix, 600, db.CaptureSuccess)
	return &refundWorld{t: t, d: d, prefix: prefix, orders: []int64{o1.ID, a3.OrderID},
		seen: seen, attempts: []db.Attempt{a1, a2, a3}, fails: map[int64]db.Refund{}, roots: map[int64]int64{}, retried: map[int64]bool{}}
}

// randomRefunds adds n refunds, each of a random attempt: SUCCESS,
// PROCESSING or FAIL, now and then automatic, a retry of an earlier
// failure of its attempt not retried yet (its chain's root as
// retry_root), settled another way (a failure, or now and then a refund
// made after all), failed when later refunds had been made (fail_mark).
func (w *refundWorld) randomRefunds(rng *rand.Rand, n int) {
	for range n {
		a := w.attempts[rng.IntN(len(w.attempts))]
		status := []string{db.RefundSuccess, db.RefundProcessing, db.RefundFail, db.RefundFail, db.RefundFail}[rng.IntN(5)]
		automatic := rng.IntN(10) == 0
		isAutomatic := 0
		if automatic {
			isAutomatic = 1
		}
		var retryOf, retryRoot int64
		if rng.IntN(3) == 0 && !automatic {
			for _, id := range slices.Sorted(maps.Keys(w.fails)) { // the oldest failure not retried
				if f := w.fails[id]; f.AttemptID == a.ID && !w.retried[id] && !f.Automatic {
					retryOf, retryRoot = id, id
					if root := w.roots[id]; root != 0 {
						retryRoot = root
					}
					break
				}
			}
		}
		handledAt, handled := "", int64(0)
		if status == db.RefundFail && rng.IntN(5) == 0 || status == db.RefundSuccess && rng.IntN(12) == 0 {
			handledAt, handled = db.FormatTime(t0), int64(1+rng.IntN(300))
		}
		w.n++
		amount := int64(50 + rng.IntN(350))
		var id int64
		err := w.d.Q().QueryRowContext(ctx, `INSERT INTO refunds (order_id, attempt_id, refund_request_id, currency, amount,
			status, created_at, updated_at, final_source, automatic, handled_at, handled_amount, retry_of, retry_root)
			VALUES (?, ?, ?, 'USD', ?, ?, ?, ?, 'OURS', ?, ?, ?, ?, ?) RETURNING id`,
			a.OrderID, a.ID, fmt.Sprintf("RF-%s-%d", w.prefix, w.n), amount, status, db.FormatTime(t0), db.FormatTime(t0),
			isAutomatic, handledAt, handled, retryOf, retryRoot).Scan(&id)
		check(w.t, err)
		if status == db.RefundFail {
			mark := id + int64(rng.IntN(5))
			_, err := w.d.Q().ExecContext(ctx, `UPDATE refunds SET fail_mark = ? WHERE id = ?`, mark, id)
			check(w.t, err)
			w.fails[id] = db.Refund{ID: id, AttemptID: a.ID, Automatic: automatic}
		}
		if retryOf != 0 {
			w.retried[retryOf], w.roots[id] = true, retryRoot
		}
		w.refunds = append(w.refunds, id)
	}
	// The failures numbered in the order the earlier spelling read them
	// in (fail_mark, then id), as migration 40 numbers those it finds.
	_, err := w.d.Q().ExecContext(ctx, `UPDATE refunds SET fail_seq = (SELECT COUNT(*) FROM refunds x WHERE x.status = 'FAIL'
		AND (x.fail_mark < refunds.fail_mark OR (x.fail_mark = refunds.fail_mark AND x.id <= refunds.id)))
		WHERE status = 'FAIL'`)
	check(w.t, err)
}

// compare reads every figure both ways and reports where they differ.
func (w *refundWorld) compare(when string) {
	t := w.t
	t.Helper()
	q := w.d.Q()
	for _, a := range w.attempts {
		owed, failures, err := w.d.FailedRefunds(ctx, a.ID)
		check(t, err)
		var oldOwed int64
		var oldFailures int
		check(t, q.QueryRowContext(ctx, db.OldFailedRefunds, a.ID).Scan(&oldOwed, &oldFailures))
		eq(t, [2]int64{owed, int64(failures)}, [2]int64{oldOwed, int64(oldFailures)}, when+": FailedRefunds of attempt")
	}
	for _, o := range w.orders {
		got, err := w.d.RefundFailuresOwed(ctx, o)
		check(t, err)
		want := map[int64]db.RefundOwed{}
		rows, err := q.QueryContext(ctx, db.OldRefundFailuresOwed, o)
		check(t, err)
		for rows.Next() {
			var id int64
			var ro db.RefundOwed
			check(t, rows.Scan(&id, &ro.Owed, &ro.Unmet))
			want[id] = ro
		}
		check(t, rows.Err())
		rows.Close()
		eq(t, got, want, when+": RefundFailuresOwed of order")
		for id, o := range got {
			r, err := w.d.RefundByID(ctx, id)
			check(t, err)
			w.seen.open++
			if o.Owed < o.Unmet {
				w.seen.capped++
			}
			if o.Unmet < r.Amount {
				w.seen.madeGood++
			}
		}
	}
	for _, id := range w.refunds {
		got, err := w.d.RefundUnmet(ctx, id)
		check(t, err)
		var want int64
		check(t, q.QueryRowContext(ctx, db.OldRefundUnmet, id).Scan(&want))
		eq(t, got, max(want, 0), fmt.Sprintf("%s: RefundUnmet of %d", when, id))
		if r, err := w.d.RefundByID(ctx, id); err == nil && r.Status == db.RefundFail && r.HandledAt.IsZero() {
			if _, open := w.openOf(r.OrderID)[id]; !open && got > 0 {
				w.seen.closed++
			}
		}
	}
	failed, err := w.d.CountRefundsFailed(ctx)
	check(t, err)
	n := failed.Open
	// Counted order by order: in one statement over every refund
	// (OldCountRefundsFailed), the old spelling's nested sub-selects
	// once took PostgreSQL minutes a statement under CI's load.
	var want int
	orders, err := q.QueryContext(ctx, "SELECT id FROM orders")
	check(t, err)
	var ids []int64
	for orders.Next() {
		var id int64
		check(t, orders.Scan(&id))
		ids = append(ids, id)
	}
	check(t, orders.Err())
	orders.Close()
	for _, id := range ids {
		var of int
		check(t, q.QueryRowContext(ctx, db.OldCountRefundsFailedOfOrder, id).Scan(&of))
		want += of
	}
	eq(t, n, want, when+": CountRefundsFailed")
	listed, err := w.d.SearchOrders(ctx, db.OrderSearch{Text: w.prefix, Limit: 10})
	check(t, err)
	filtered, err := w.d.SearchOrders(ctx, db.OrderSearch{Text: w.prefix, RefundFailed: true, Limit: 10})
	check(t, err)
	inFilter := map[int64]bool{}
	for _, r := range filtered {
		inFilter[r.ID] = true
	}
	for _, r := range listed {
		var failed bool
		check(t, q.QueryRowContext(ctx, db.OldOrderRefundFailed, r.ID).Scan(&failed))
		eq(t, [2]bool{r.RefundFailed, inFilter[r.ID]}, [2]bool{failed, failed}, fmt.Sprintf("%s: order %s's refund-failed flag, and in the filter", when, r.Ref))
	}
}

// markHandled marks refund id handled another way, as the rule's earlier
// spelling says it may be (an open failure) and with what it allotted it.
func (w *refundWorld) markHandled(id int64, what string) {
	t := w.t
	t.Helper()
	q := w.d.Q()
	r, err := w.d.RefundByID(ctx, id)
	check(t, err)
	var open bool
	check(t, q.QueryRowContext(ctx, `SELECT EXISTS (`+db.OldRefundFailuresOwed+` AND r.id = ?)`, r.OrderID, id).Scan(&open))
	var allotted *int64
	check(t, q.QueryRowContext(ctx, db.OldAllotted, id).Scan(&allotted))
	changed, err := w.d.MarkRefundHandled(ctx, id, "ann", "bank transfer", t0)
	ok(t, changed, err, open, what)
	if open {
		after, err := w.d.RefundByID(ctx, id)
		check(t, err)
		eq(t, after.HandledAmount, *allotted, what+": handled amount")
	}
}

// openOf is RefundFailuresOwed of order id.
func (w *refundWorld) openOf(orderID int64) map[int64]db.RefundOwed {
	owed, err := w.d.RefundFailuresOwed(ctx, orderID)
	check(w.t, err)
	return owed
}

// Failures are allotted the payment's cap in the order they failed, even
// when two failed while the same refund was the newest (the fresh-user
// trial's case): on $7.25, $7 fails; $5 is sent and stays processing; $2
// fails; then the $5 fails. The $2 failed before the $5, so it is owed
// the $0.25 the $7 leaves, and the $5 nothing — though the $5 has the
// smaller id and both failed with the $2 the newest refund.
func TestFailuresOwedInTheOrderTheyFailed(t *testing.T) {
	dbtest.ForEachBackend(t, func(t *testing.T, d *db.DB) {
		o, a := paidAttempt(t, d, "ORD-FAIL-ORDER", "USD", 725, t0)
		f1 := newRefund(t, d, a, "RF-F1", 700, db.RefundFail)
		r := processingRefund(t, d, a, "RF-R", 500, 0)
		f2 := newRefund(t, d, a, "RF-F2", 200, db.RefundFail)
		owed, err := d.RefundFailuresOwed(ctx, o.ID)
		check(t, err)
		eq(t, owed, map[int64]db.RefundOwed{f1: {Owed: 200, Unmet: 200}, f2: {Owed: 25, Unmet: 200}},
			"while the $5 is processing it makes good $5 of the $7; $2.25 is left, for the $2.00 unmet and $0.25 of the $2")
		changed, err := d.SettleRefund(ctx, r, db.RefundProcessing, "", db.RefundFail, "", "", db.SourceOurs, t0, t0)
		ok(t, changed, err, true, "the $5 fails")
		owed, err = d.RefundFailuresOwed(ctx, o.ID)
		check(t, err)
		eq(t, owed, map[int64]db.RefundOwed{f1: {Owed: 700, Unmet: 700}, f2: {Owed: 25, Unmet: 200}},
			"the $5 failed last: $7.25 is left, the $7 then the $2 take it all")
		total, failures, err := d.FailedRefunds(ctx, a.ID)
		check(t, err)
		eq(t, [2]int64{total, int64(failures)}, [2]int64{725, 2}, "owed in all, by two failures")
	})
}
