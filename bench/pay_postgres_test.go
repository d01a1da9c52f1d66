package bench

import (
	"fmt"
	"runtime"
	"testing"

	"antom-checkout/app/apptest"
	"antom-checkout/db/dbtest"
)

// BenchmarkOneClickPayPostgres is BenchmarkOneClickPay with the app on
// PostgreSQL (a fresh database of db/dbtest's throwaway server), beside
// the same RSA floor measured in the same run. Goal: ≥ 60 % of it.
func BenchmarkOneClickPayPostgres(b *testing.B) {
	srv := apptest.Start(b, map[string]string{"DATABASE_URL": dbtest.PostgresURL(b)})
	rsaPerPayment := rsaCostPerPayment(b)
	workers := 2 * runtime.GOMAXPROCS(0)
	var payers []*payer
	for i, u := range fundedUsers(workers) {
		payers = append(payers, newPayer(b, srv, fmt.Sprintf("bench-pay-pg-%d@example.com", i), u))
	}
	rate, p50, p99 := payInParallel(b, payers)
	floor := float64(runtime.GOMAXPROCS(0)) / rsaPerPayment.Seconds()
	b.ReportMetric(rate, "payments/s")
	b.ReportMetric(ms(p50), "p50-ms")
	b.ReportMetric(ms(p99), "p99-ms")
	b.ReportMetric(floor, "rsa-floor-payments/s")
	b.ReportMetric(100*rate/floor, "%-of-floor")
}
