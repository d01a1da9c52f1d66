package db_test

import (
	"context"
	"encoding/json"
	"strings"
	"testing"
	"time"

	"antom-checkout/db"
	"antom-checkout/db/dbtest"
)

// The dashboard's reads of the money taken since a time (today's
// totals, the chart's minutes), on every load, read the payments and
// captures taken since then through their indexes (migration 60), not
// every payment the shop ever took: on PostgreSQL no Seq Scan of
// payment_attempts or captures and a number of rows read that does not
// grow with the shop's past; on SQLite the plan names the indexes.
func TestMoneyTakenReadsUseIndexes(t *testing.T) {
	since := time.Date(2099, 1, 1, 0, 0, 0, 0, time.UTC)
	reads := []struct {
		name string
		read func(context.Context, *db.DB) error
	}{
		{"today's totals", func(ctx context.Context, d *db.DB) error { _, err := d.PaymentsSince(ctx, since); return err }},
		{"the chart's minutes", func(ctx context.Context, d *db.DB) error { _, err := d.PaymentsPerMinute(ctx, since); return err }},
	}
	dbtest.ForEachBackend(t, func(t *testing.T, d *db.DB) {
		loadPlanShop(t, d, 3000) // 1,500 payments taken, long ago…
		raw := d.Raw()
		_, err := raw.ExecContext(ctx, `UPDATE payment_attempts SET paid_at = '2020-01-01T00:00:00.000000000Z' WHERE status = 'SUCCESS'`)
		check(t, err)
		_, err = raw.ExecContext(ctx, `UPDATE payment_attempts SET paid_at = '2099-01-01T10:00:00.000000000Z' WHERE status = 'SUCCESS' AND id % 300 = 0`) // …and 5 since
		check(t, err)
		// A capture of each, long ago, 5 of them since.
		_, err = raw.ExecContext(ctx, `INSERT INTO captures (order_id, attempt_id, capture_request_id, currency, amount, status,
			result_code, created_at, updated_at)
			SELECT order_id, id, 'CAP-' || payment_request_id, 'USD', 100, 'SUCCESS', 'SUCCESS', paid_at,
				CASE WHEN id % 300 = 1 THEN '2099-01-01T11:00:00.000000000Z' ELSE '2020-01-01T00:00:00.000000000Z' END
			FROM payment_attempts WHERE status = 'SUCCESS'`)
		check(t, err)
		_, err = raw.ExecContext(ctx, `ANALYZE`)
		check(t, err)
		for _, r := range reads {
			t.Run(r.name, func(t *testing.T) {
				q := statementOf(t, d, func(ctx context.Context) error { return r.read(ctx, d) })
				args := []any{since.Format("2006-01-02T15:04:05.000000000Z07:00")}
				if d.Backend() == db.SQLite {
					rows, err := raw.QueryContext(ctx, `EXPLAIN QUERY PLAN `+q, args...)
					check(t, err)
					var plan []string
					for rows.Next() {
						var id, parent, unused int
						var detail string
						check(t, rows.Scan(&id, &parent, &unused, &detail))
						plan = append(plan, detail)
					}
					check(t, rows.Err())
					all := strings.Join(plan, "\n")
					for _, index := range []string{"payment_attempts_taken_idx", "captures_taken_idx"} {
						if !strings.Contains(all, index) {
							t.Errorf("the plan does not use %s:\n%s", index, all)
						}
					}
					return
				}
				var out []byte
				check(t, raw.QueryRowContext(ctx, `EXPLAIN (ANALYZE, FORMAT JSON) `+q, args...).Scan(&out))
				var plan []struct{ Plan planNode }
				check(t, json.Unmarshal(out, &plan))
				var read float64
				plan[0].Plan.walk(func(n planNode) {
					if n.Relation != "payment_attempts" && n.Relation != "captures" {
						return
					}
					if n.Type == "Seq Scan" {
						t.Errorf("a Seq Scan of %s", n.Relation)
					}
					read += (n.Rows + n.Removed) * n.Loops
				})
				if read > 20 {
					t.Errorf("%v rows of payment_attempts and captures read, want at most 20 (10 taken since)", read)
				}
				if t.Failed() {
					t.Logf("statement:\n%s\nplan:\n%s", q, out)
				}
			})
		}
	})
}
