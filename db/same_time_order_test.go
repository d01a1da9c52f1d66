package db_test

import (
	"fmt"
	"testing"
	"time"

	"antom-checkout/db"
	"antom-checkout/db/dbtest"
)

// Lists ordered by a time that rows may share — the reconciler's
// attempts and refunds due at one moment — give those rows in the order
// they were made (their id), on both databases, whatever order they were
// last written in. Here they are made in one order and scheduled to the
// same moment in the other: on PostgreSQL an UPDATE writes the row anew,
// so without the id as tie-break a scan meets them newest-written first.
// (SQLite reads them through its index on the time, whose ties are in id
// order already.)
func TestSameTimeRowsComeInTheOrderMade(t *testing.T) {
	dbtest.ForEachBackend(t, func(t *testing.T, d *db.DB) {
		const n = 12
		due := t0.Add(time.Hour)
		var attempts, refunds []int64
		_, paid := paidAttempt(t, d, "ORD-PAID", "USD", 100*n, t0)
		for i := range n {
			o := newOrder(t, d, fmt.Sprintf("ORD-SAME-%02d", i), 0, "USD", 100)
			attempts = append(attempts, newAttempt(t, d, o, "PR-SAME-"+o.Ref).ID)
			refunds = append(refunds, newRefund(t, d, paid, fmt.Sprintf("RF-SAME-%02d", i), 100, db.RefundProcessing))
		}
		for i := n - 1; i >= 0; i-- {
			check(t, d.ScheduleCheck(ctx, attempts[i], due, t0))
			check(t, d.ScheduleRefundCheck(ctx, refunds[i], due, t0))
		}
		gotAttempts, err := d.AttemptsToCheck(ctx, due)
		check(t, err)
		eq(t, ids(gotAttempts, func(a db.Attempt) int64 { return a.ID }), attempts, "attempts due at one moment")
		gotRefunds, err := d.RefundsToCheck(ctx, due)
		check(t, err)
		eq(t, ids(gotRefunds, func(r db.Refund) int64 { return r.ID }), refunds, "refunds due at one moment")
	})
}

func ids[T any](rows []T, id func(T) int64) []int64 {
	out := make([]int64, 0, len(rows))
	for _, r := range rows {
		out = append(out, id(r))
	}
	return out
}
