package bench

import (
	"os"
	"runtime"
	"strconv"
	"strings"
	"testing"
	"time"

	"antom-checkout/db/dbtest"
)

// BenchmarkOneClickPayPostgres is BenchmarkOneClickPay with the app on
// PostgreSQL (a fresh database of db/dbtest's throwaway server), beside
// the same RSA floor measured in the same run. Goal: ≥ 60 % of it.
func BenchmarkOneClickPayPostgres(b *testing.B) {
	srv := startApp(b, map[string]string{"DATABASE_URL": dbtest.PostgresURL(b)})
	rsaPerPayment := rsaCostPerPayment(b)
	payers := newPayers(b, srv, "bench-pay-pg")
	cpu, pgCPU := processCPU(), postgresCPU()
	rate, p50, p99 := payInParallel(b, payers, payersAtOnce())
	b.ReportMetric(ms(processCPU()-cpu)/float64(b.N), "app-cpu-ms/payment")
	b.ReportMetric(ms(postgresCPU()-pgCPU)/float64(b.N), "pg-cpu-ms/payment")
	floor := float64(runtime.GOMAXPROCS(0)) / rsaPerPayment.Seconds()
	b.ReportMetric(rate, "payments/s")
	b.ReportMetric(ms(p50), "p50-ms")
	b.ReportMetric(ms(p99), "p99-ms")
	b.ReportMetric(floor, "rsa-floor-payments/s")
	b.ReportMetric(100*rate/floor, "%-of-floor")
}

// postgresCPU is the CPU time (user and system) used so far by the
// PostgreSQL processes this test binary started (db/dbtest's throwaway
// server: the postmaster and its backends still running), read from
// /proc; 0 where there is none.
func postgresCPU() time.Duration {
	entries, _ := os.ReadDir("/proc")
	type proc struct {
		ppid  int
		ticks int64
		pg    bool
	}
	procs := map[int]proc{}
	for _, e := range entries {
		pid, err := strconv.Atoi(e.Name())
		if err != nil {
			continue
		}
		raw, err := os.ReadFile("/proc/" + e.Name() + "/stat")
		if err != nil {
			continue
		}
		s := string(raw)
		end := strings.LastIndexByte(s, ')')
		if end < 0 {
			continue
		}
		f := strings.Fields(s[end+2:]) // from field 3, state
		if len(f) < 13 {
			continue
		}
		ppid, _ := strconv.Atoi(f[1])
		utime, _ := strconv.ParseInt(f[11], 10, 64)
		stime, _ := strconv.ParseInt(f[12], 10, 64)
		procs[pid] = proc{ppid, utime + stime, strings.Contains(s[:end], "postgres")}
	}
	self := os.Getpid()
	var ticks int64
	for _, p := range procs {
		if !p.pg {
			continue
		}
		// the postmaster is our child; backends are its children
		if p.ppid == self || (procs[p.ppid].pg && procs[p.ppid].ppid == self) {
			ticks += p.ticks
		}
	}
	return time.Duration(ticks) * time.Second / 100 // USER_HZ
}
