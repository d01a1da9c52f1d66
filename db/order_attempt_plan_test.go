package db_test

import (
	"context"
	"encoding/json"
	"fmt"
	"testing"
	"time"

	"antom-checkout/db"
	"antom-checkout/db/dbtest"
)

// planShopGuest is the guest key of the guest orders loadPlanShop makes.
const planShopGuest = "plan-guest-key"

// loadPlanShop fills d with a shop of 50 buyers' orders and their
// attempts — orders of them, each with a FAIL attempt and every second
// one with a SUCCESS after it — plus a guest's 10, and ANALYZEs it. It
// returns the first buyer, who has orders/100 of them (PLAN-100,
// PLAN-200, …).
func loadPlanShop(t testing.TB, d *db.DB, orders int) int64 {
	t.Helper()
	var buyer int64
	for i := range 50 {
		id := newBuyer(t, d, fmt.Sprintf("plan%d@example.com", i))
		if i == 0 {
			buyer = id
		}
	}
	raw := d.Raw()
	_, err := raw.ExecContext(ctx, `WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < ?)
		INSERT INTO orders (ref, buyer_id, product_id, quantity, currency, amount, status, created_at, updated_at)
		SELECT 'PLAN-' || i, CASE WHEN i % 100 = 0 THEN ? ELSE ? + 1 + i % 49 END, 1, 1, 'USD', 100, ?, ?, ? FROM n`,
		orders, buyer, buyer, db.OrderOpen, t0, t0)
	check(t, err)
	for i := range 10 {
		newGuestOrder(t, d, fmt.Sprintf("PLAN-G%d", i), planShopGuest, "USD", 100)
	}
	for k, status := range []string{db.AttemptFail, db.AttemptSuccess} {
		_, err := raw.ExecContext(ctx, `INSERT INTO payment_attempts (order_id, payment_request_id, method, currency, amount,
			status, expires_at, next_check_at, created_at, updated_at)
			SELECT o.id, 'PR-' || o.ref || CAST(? AS TEXT), ?, 'USD', 100, ?, ?, ?, ?, ? FROM orders o WHERE ? = 0 OR o.id % 2 = 0`,
			fmt.Sprint("-", k), db.MethodWallet, status, t0, t0, t0, t0, k)
		check(t, err)
	}
	_, err = raw.ExecContext(ctx, `ANALYZE`)
	check(t, err)
	return buyer
}

// statementOf returns the text of the last statement read runs on d.
func statementOf(t *testing.T, d *db.DB, read func(context.Context) error) string {
	t.Helper()
	var q string
	d.BeforeStatement(func(_ context.Context, query string) { q = query })
	defer d.BeforeStatement(nil)
	check(t, read(ctx))
	return q
}

// The reads of an order's speaking attempt (speakingAttempt) — My
// orders' list, the result page's and the checkout page's one order,
// the checkout page's read beside the session — read, on PostgreSQL,
// only the attempts of the orders they show, through indexes: never a
// Seq Scan of payment_attempts (My orders' list was a hash join over all
// of them), and a number of rows that does not grow with the shop.
func TestSpeakingAttemptReadsUseIndexes(t *testing.T) {
	d := dbtest.OpenOn(t, db.PostgreSQL)
	buyer := loadPlanShop(t, d, 3000)
	stored, err := d.CommitSessionIf(ctx, "plan-token", nil, false, []byte("data"), time.Now().Add(time.Hour))
	ok(t, stored, err, true, "session")
	reads := []struct {
		name string
		read func(context.Context) error
		args []any
		rows int64 // at most, of payment_attempts
	}{
		{"My orders, a buyer's", func(ctx context.Context) error {
			s, err := d.OwnedOrderStates(ctx, buyer, "", 20)
			eq(t, len(s), 20, "orders listed")
			return err
		}, []any{buyer, buyer}, 200},
		{"My orders, a buyer's and a guest's", func(ctx context.Context) error {
			s, err := d.OwnedOrderStates(ctx, buyer, planShopGuest, 20)
			eq(t, len(s), 20, "orders listed")
			return err
		}, []any{buyer, planShopGuest, buyer, planShopGuest}, 200},
		{"the result page's order", func(ctx context.Context) error {
			_, _, _, err := d.OrderAndLatestAttemptByRef(ctx, "PLAN-100")
			return err
		}, []any{"PLAN-100"}, 10},
		{"the checkout page's order", func(ctx context.Context) error {
			_, _, err := d.CheckoutOrderByRef(ctx, "PLAN-100")
			return err
		}, []any{"PLAN-100"}, 10},
		{"the checkout page's order beside the session", func(ctx context.Context) error {
			_, found, err := d.FindSession(db.WithCheckoutRead(ctx, "PLAN-100"), "plan-token")
			eq(t, found, true, "session found")
			return err
		}, []any{"plan-token", "PLAN-100"}, 10},
	}
	for _, r := range reads {
		t.Run(r.name, func(t *testing.T) {
			q := statementOf(t, d, r.read)
			var out []byte
			check(t, d.Raw().QueryRowContext(ctx, `EXPLAIN (ANALYZE, FORMAT JSON) `+q, r.args...).Scan(&out))
			var plan []struct{ Plan planNode }
			check(t, json.Unmarshal(out, &plan))
			var read float64
			plan[0].Plan.walk(func(n planNode) {
				if n.Relation != "payment_attempts" {
					return
				}
				if n.Type == "Seq Scan" {
					t.Errorf("a Seq Scan of payment_attempts (%s)", n.Alias)
				}
				read += (n.Rows + n.Removed) * n.Loops
			})
			if read > float64(r.rows) {
				t.Errorf("%v rows of payment_attempts read, want at most %d", read, r.rows)
			}
			if t.Failed() {
				t.Logf("statement:\n%s\nplan:\n%s", q, out)
			}
		})
	}
}

// planNode is a node of EXPLAIN (FORMAT JSON)'s plan, with what
// TestSpeakingAttemptReadsUseIndexes reads of it.
type planNode struct {
	Type     string     `json:"Node Type"`
	Relation string     `json:"Relation Name"`
	Alias    string     `json:"Alias"`
	Rows     float64    `json:"Actual Rows"`
	Loops    float64    `json:"Actual Loops"`
	Removed  float64    `json:"Rows Removed by Filter"`
	Plans    []planNode `json:"Plans"`
}

func (n planNode) walk(fn func(planNode)) {
	fn(n)
	for _, c := range n.Plans {
		c.walk(fn)
	}
}

// BenchmarkSpeakingAttemptReads reads My orders' list of 20 (a buyer
// with 30 orders) and one order by ref with its speaking attempt, in a
// shop of 3,000 orders and 4,500 attempts, on each backend.
func BenchmarkSpeakingAttemptReads(b *testing.B) {
	for _, backend := range []db.Backend{db.SQLite, db.PostgreSQL} {
		b.Run(string(backend), func(b *testing.B) {
			d := dbtest.OpenOn(b, backend)
			buyer := loadPlanShop(b, d, 3000)
			b.Run("my-orders", func(b *testing.B) {
				for b.Loop() {
					states, err := d.OwnedOrderStates(ctx, buyer, "", 20)
					check(b, err)
					if len(states) != 20 {
						b.Fatalf("%d orders", len(states))
					}
				}
			})
			b.Run("one-order", func(b *testing.B) {
				for b.Loop() {
					_, a, _, err := d.OrderAndLatestAttemptByRef(ctx, "PLAN-100")
					check(b, err)
					if a.Status != db.AttemptSuccess {
						b.Fatalf("speaking attempt %s", a.Status)
					}
				}
			})
		})
	}
}
