package bench

import (
	"regexp"
	"testing"
)

var myOrdersRow = regexp.MustCompile(`data-testid="order-row" data-ref="[^"]+" data-status="paid"`)

// BenchmarkMyOrdersPage loads My orders (GET /orders over loopback) for a
// signed-in buyer with 50 orders paid in one click through the app (the
// most the page lists), on SQLite and PostgreSQL. Each paid order is
// where My orders read the order's state order by order (3 queries a
// wallet payment: its attempt, its refunds, what was settled another
// way); compare the same benchmark on the commit before
// db.OwnedOrderStates (one query for all of them).
func BenchmarkMyOrdersPage(b *testing.B) {
	forEachBackend(b, func(b *testing.B, databaseURL string) {
		env := map[string]string{}
		if databaseURL != "" {
			env["DATABASE_URL"] = databaseURL
		}
		srv := startApp(b, env)
		p := newPayer(b, srv, "bench-my-orders@example.com", fundedUsers(1)[0])
		for range 50 {
			p.payOnce()
		}
		b.ResetTimer()
		for b.Loop() {
			if rows := myOrdersRow.FindAllStringIndex(p.page("/orders"), -1); len(rows) != 50 {
				b.Fatalf("My orders lists %d paid orders, want 50", len(rows))
			}
		}
	})
}
