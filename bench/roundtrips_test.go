package bench

import (
	"testing"

	"antom-checkout/db/dbtest"
)

// BenchmarkOneClickPayPostgresRoundTrips pays as BenchmarkOneClickPayPostgres
// does, with the app's connections to PostgreSQL going through a counting
// proxy on loopback, and reports the round trips per payment: each time the
// app sends after PostgreSQL has answered counts one (a pipeline sent in
// one go counts once). Everything from the first payment to the last is
// counted: the four requests of each (order, pay, result page, its
// notification) and the background work meanwhile. Not a throughput
// figure: the proxy adds a hop.
func BenchmarkOneClickPayPostgresRoundTrips(b *testing.B) {
	p := dbtest.StartCountingProxy(b, dbtest.PostgresURL(b))
	srv := startApp(b, map[string]string{"DATABASE_URL": p.URL})
	payers := newPayers(b, srv, "bench-rt-pg")
	before := p.RoundTrips()
	payInParallel(b, payers, payersAtOnce())
	b.ReportMetric(float64(p.RoundTrips()-before)/float64(b.N), "round-trips/payment")
}
