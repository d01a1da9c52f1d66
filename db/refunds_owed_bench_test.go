package db_test

import (
	"fmt"
	"testing"

	"antom-checkout/db"
	"antom-checkout/db/dbtest"
)

// BenchmarkRefundsOwedReads reads what failed refunds leave owed where
// staff and buyers see it, on each backend, over 600 paid orders of $20.00
// with three $1.00 refunds each, one failed on every 60th order (10 open
// failures): staff's orders list (50 newest) and its "refund failed"
// filter, the dashboard's count, and a buyer's result page's
// FailedRefunds. The count and FailedRefunds also run in the rule's
// earlier spelling (old-…, refunds_owed_old_test.go), the baseline
// beside them; for the list, compare the commit before refundsOwed.
func BenchmarkRefundsOwedReads(b *testing.B) {
	for _, backend := range []db.Backend{db.SQLite, db.PostgreSQL} {
		b.Run(string(backend), func(b *testing.B) {
			d := dbtest.OpenOn(b, backend)
			var failedOf db.Attempt
			for i := range 600 {
				_, a := paidAttempt(b, d, fmt.Sprintf("ORD-OWED-%03d", i), "USD", 2000, t0)
				for j := range 3 {
					status := db.RefundSuccess
					if i%60 == 0 && j == 0 {
						status, failedOf = db.RefundFail, a
					}
					newRefund(b, d, a, fmt.Sprintf("RF-OWED-%03d-%d", i, j), 100, status)
				}
			}
			q := d.Q()
			reads := []struct {
				name string
				read func() error
			}{
				{"list", func() error { _, err := d.SearchOrders(ctx, db.OrderSearch{Limit: 50}); return err }},
				{"list-refund-failed", func() error {
					_, err := d.SearchOrders(ctx, db.OrderSearch{RefundFailed: true, Limit: 50})
					return err
				}},
				{"count", func() error { _, err := d.CountRefundsFailed(ctx); return err }},
				{"old-count", func() error { var n int; return q.QueryRowContext(ctx, db.OldCountRefundsFailed).Scan(&n) }},
				{"failed-refunds", func() error { _, _, err := d.FailedRefunds(ctx, failedOf.ID); return err }},
				{"old-failed-refunds", func() error {
					var owed, n int64
					return q.QueryRowContext(ctx, db.OldFailedRefunds, failedOf.ID).Scan(&owed, &n)
				}},
			}
			for _, r := range reads {
				b.Run(r.name, func(b *testing.B) {
					for b.Loop() {
						check(b, r.read())
					}
				})
			}
		})
	}
}
