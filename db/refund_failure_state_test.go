package db_test

import (
	"testing"

	"antom-checkout/db"
)

// failureState returns a check of what order o's failed refunds (of
// attempt a) leave owed, as every reader sees it: the open failures and
// what each is owed (OpenRefundFailures, minor units by refund id), the
// dashboard's count (CountRefundsFailed's Open), the total owed
// (FailedRefundTotal, which must equal their sum; FailedRefunds, the
// same with how many open failures owe it: the buyer's "a refund" or
// "refunds"), and whether ?status=refund-failed lists the order (o must
// be the only order with failures).
func failureState(t *testing.T, d *db.DB, o db.Order, a db.Attempt) func(want map[int64]int64, total int64, what string) {
	return func(want map[int64]int64, total int64, what string) {
		t.Helper()
		open, err := d.OpenRefundFailures(ctx, o.ID)
		check(t, err)
		failed, err := d.CountRefundsFailed(ctx)
		check(t, err)
		n := failed.Open
		f, err := d.FailedRefundTotal(ctx, a.ID)
		check(t, err)
		owed, failures, err := d.FailedRefunds(ctx, a.ID)
		check(t, err)
		eq(t, []any{owed, failures}, []any{f, len(want)}, what+": FailedRefunds, what is owed and by how many failures")
		rows, err := d.SearchOrders(ctx, db.OrderSearch{RefundFailed: true, Limit: 10})
		check(t, err)
		var sum int64
		for _, owed := range open {
			sum += owed
		}
		listed := int64(0)
		if len(want) > 0 {
			listed = 1
		}
		eq(t, []any{open, n, f, sum, len64(rows)}, []any{want, len(want), total, total, listed},
			what+": open failures and what each is owed, count, total owed, their sum, listed")
	}
}
