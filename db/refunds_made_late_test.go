package db_test

import (
	"testing"

	"antom-checkout/db"
)

// madeLateOrders is the set of order ids whose refunds
// RefundsOfPaymentsMadeLate reads (checkout's paid-twice rule reads
// them), checking it reads each such payment's refunds whole, in id
// order.
func madeLateOrders(t *testing.T, d *db.DB) map[int64]bool {
	t.Helper()
	rs, err := d.RefundsOfPaymentsMadeLate(ctx)
	check(t, err)
	out, seen := map[int64]bool{}, map[int64]int{}
	for i, r := range rs {
		if i > 0 && rs[i-1].ID >= r.ID {
			t.Fatalf("refunds out of id order: %d then %d", rs[i-1].ID, r.ID)
		}
		out[r.OrderID] = true
		seen[r.AttemptID]++
	}
	for attempt, n := range seen {
		var all int
		check(t, d.Raw().QueryRowContext(ctx, `SELECT COUNT(*) FROM refunds WHERE attempt_id = ?`, attempt).Scan(&all))
		eq(t, n, all, "a payment's refunds read whole")
	}
	return out
}
