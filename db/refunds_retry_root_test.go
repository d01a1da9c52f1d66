package db_test

import (
	"testing"

	"antom-checkout/db"
	"antom-checkout/db/dbtest"
)

// Migration 25 gives the retries stored before it their chain's first
// failure (retry_root), walking each chain once: a chain of two retries
// and its root made after all, another chain never made, a refund of its
// own. The rules that read it then find the refund made earlier in each
// retry's chain, and a retry inserted after the migration continues its
// chain.
func TestMigration25FindsRetryRoots(t *testing.T) {
	for _, b := range backends {
		t.Run(string(b), func(t *testing.T) {
			source := dbtest.Source(t, b)
			old, err := db.OpenAt(ctx, source, 24)
			check(t, err)
			_, a := paidAttempt(t, old, "ORD-ROOT", "USD", 10_000, t0)
			ins := func(reqID, status string, retryOf int64) int64 {
				t.Helper()
				var id int64
				q := `INSERT INTO refunds (order_id, attempt_id, refund_request_id, currency, amount, status, created_at, updated_at, retry_of)
					VALUES (?, ?, ?, 'USD', 100, ?, ?, ?, ?) RETURNING id`
				if b == db.PostgreSQL {
					q = `INSERT INTO refunds (order_id, attempt_id, refund_request_id, currency, amount, status, created_at, updated_at, retry_of)
					VALUES ($1, $2, $3, 'USD', 100, $4, $5, $6, $7) RETURNING id`
				}
				check(t, old.SQL().QueryRowContext(ctx, q, a.OrderID, a.ID, reqID, status, "2026-01-02T03:04:05.000000000Z",
					"2026-01-02T03:04:05.000000000Z", retryOf).Scan(&id))
				return id
			}
			f := ins("RF-F", db.RefundSuccess, 0) // closed by us, made after all
			r1 := ins("RF-R1", db.RefundFail, f)
			r2 := ins("RF-R2", db.RefundFail, r1)
			g := ins("RF-G", db.RefundFail, 0)
			s := ins("RF-S", db.RefundFail, g)
			own := ins("RF-OWN", db.RefundSuccess, 0)
			check(t, old.Close())

			d, err := db.Open(ctx, source)
			check(t, err)
			defer d.Close()
			r3, err := d.InsertRefund(ctx, db.Refund{OrderID: a.OrderID, AttemptID: a.ID, RefundRequestID: "RF-R3", Currency: "USD",
				Amount: 100, Status: db.RefundProcessing, CreatedAt: t0, RetryOf: r2})
			check(t, err)
			got := map[int64]string{}
			for _, id := range []int64{f, r1, r2, g, s, own, r3} {
				made, err := d.RetryAncestorMade(ctx, id)
				check(t, err)
				got[id] = made
			}
			eq(t, got, map[int64]string{f: "", r1: "RF-F", r2: "RF-F", g: "", s: "", own: "", r3: "RF-F"},
				"the refund made earlier in each refund's retry chain")
		})
	}
}
