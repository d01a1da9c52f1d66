package bench

import (
	"fmt"
	"runtime"
	"sync"
	"testing"
	"time"

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
	payers := make(chan *payer, workers)
	for i, u := range fundedUsers(workers) {
		payers <- newPayer(b, srv, fmt.Sprintf("bench-pay-pg-%d@example.com", i), u)
	}
	var mu sync.Mutex
	var latencies []time.Duration
	b.ResetTimer()
	start := time.Now()
	b.SetParallelism(2)
	b.RunParallel(func(pb *testing.PB) {
		p := <-payers
		var mine []time.Duration
		for pb.Next() {
			mine = append(mine, p.payOnce())
		}
		mu.Lock()
		latencies = append(latencies, mine...)
		mu.Unlock()
	})
	elapsed := time.Since(start)
	b.StopTimer()
	rate := float64(b.N) / elapsed.Seconds()
	floor := float64(runtime.GOMAXPROCS(0)) / rsaPerPayment.Seconds()
	b.ReportMetric(rate, "payments/s")
	b.ReportMetric(ms(percentile(latencies, 50)), "p50-ms")
	b.ReportMetric(ms(percentile(latencies, 99)), "p99-ms")
	b.ReportMetric(floor, "rsa-floor-payments/s")
	b.ReportMetric(100*rate/floor, "%-of-floor")
}
