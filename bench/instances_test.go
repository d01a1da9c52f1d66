package bench

import (
	"context"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/url"
	"runtime"
	"sync"
	"testing"
	"time"

	"antom-checkout/antom/sandbox"
	"antom-checkout/cluster"
	"antom-checkout/db/dbtest"
)

// BenchmarkOneClickPayInstances measures one-click payments per second
// through the built binary — the sandbox on its own, the app instances,
// haproxy in front — on one instance on SQLite, one on PostgreSQL and
// three on PostgreSQL, all in the same run: what PostgreSQL costs, and
// what more instances buy on this machine. Each payment is order → pay →
// result page, from 8 buyers at once through haproxy; p50/p99 are the
// pay request's.
func BenchmarkOneClickPayInstances(b *testing.B) {
	setups := []struct {
		name     string
		size     int
		postgres bool
	}{{"1-sqlite", 1, false}, {"1-postgres", 1, true}, {"3-postgres", 3, true}}
	if _, err := cluster.HAProxyPath(); err != nil {
		b.Skip(err)
	}
	ctx := context.Background()
	bin, err := cluster.Build(ctx, b.TempDir())
	if err != nil {
		b.Fatal(err)
	}
	// Started on first use, kept for the benchmark's second call (b.N =
	// 200 after 1), stopped when this run of the benchmark ends.
	var mu sync.Mutex
	started := map[string][]*payer{}
	parent := b
	for _, s := range setups {
		cfg := cluster.Config{Binary: bin, DataDir: b.TempDir(), Size: s.size, TokenKey: benchTokenKey, Env: benchOrderLimits[:]}
		if s.postgres {
			cfg.DatabaseURL = dbtest.PostgresURL(b)
		}
		b.Run(s.name, func(b *testing.B) {
			mu.Lock()
			payers := started[s.name]
			if payers == nil {
				payers = startPayers(b, ctx, cfg, parent.Cleanup)
				started[s.name] = payers
			}
			mu.Unlock()
			rate, p50, p99 := payInParallel(b, payers, len(payers))
			b.ReportMetric(rate, "payments/s")
			b.ReportMetric(ms(p50), "p50-ms")
			b.ReportMetric(ms(p99), "p99-ms")
		})
	}
}

// benchTokenKey is every instance's TOKEN_ENCRYPTION_KEY.
const benchTokenKey = "MDEyMzQ1Njc4OWFiY2RlZjAxMjM0NTY3ODlhYmNkZWY="

// startPayers starts the cluster and haproxy (stopped by cleanup, when
// this run of the benchmark ends) and returns 8 signed-in buyers with a
// linked wallet each.
func startPayers(b *testing.B, ctx context.Context, cfg cluster.Config, cleanup func(func())) []*payer {
	lbAddr := freeLoopback(b)
	cfg.PublicURL = "http://" + lbAddr
	c, err := cluster.Start(ctx, cfg)
	if err != nil {
		b.Fatal(err)
	}
	lb, err := cluster.StartHAProxy(ctx, cfg.DataDir, lbAddr, c.Instances, io.Discard)
	if err != nil {
		c.Stop()
		b.Fatal(err)
	}
	cleanup(func() {
		lb.Stop(5 * time.Second)
		c.Stop()
	})
	const n = 8
	out := make([]*payer, n)
	for i, u := range fundedUsers(n) {
		client := newBuyer(b, cfg.PublicURL, fmt.Sprintf("bench-instances-%d@example.com", i))
		id, code := startLink(b, client, u.Wallet)
		agreeOnPhone(b, code, u)
		waitLinked(b, client, id)
		out[i] = &payer{b: b, client: client}
		m := walletButton.FindStringSubmatch(out[i].page("/checkout/" + out[i].order()))
		if m == nil {
			b.Fatal("no wallet button on the checkout page")
		}
		out[i].wallet = m[1]
	}
	return out
}

// payInParallel makes b.N payments, atOnce at a time (a multiple of
// GOMAXPROCS), the payers taking turns (each payment's payer is the one
// that has waited longest), and returns payments per second and the pay
// request's p50 and p99.
func payInParallel(b *testing.B, payers []*payer, atOnce int) (float64, time.Duration, time.Duration) {
	ch := make(chan *payer, len(payers))
	for _, p := range payers {
		p.b = b
		ch <- p
	}
	var mu sync.Mutex
	var latencies []time.Duration
	b.ResetTimer()
	start := time.Now()
	b.SetParallelism(atOnce / runtime.GOMAXPROCS(0))
	b.RunParallel(func(pb *testing.PB) {
		var mine []time.Duration
		for pb.Next() {
			p := <-ch
			mine = append(mine, p.payOnce())
			ch <- p
		}
		mu.Lock()
		latencies = append(latencies, mine...)
		mu.Unlock()
	})
	elapsed := time.Since(start)
	b.StopTimer()
	return float64(b.N) / elapsed.Seconds(), percentile(latencies, 50), percentile(latencies, 99)
}

// agreeOnPhone plays the buyer's phone on the sandbox's test wallet app:
// opens the QR code's page, signs in as the test user and agrees.
func agreeOnPhone(b *testing.B, codeValue string, u sandbox.TestUser) {
	target, err := url.Parse(codeValue)
	if err != nil {
		b.Fatalf("QR code %q: %v", codeValue, err)
	}
	phone := newBrowserFor(b, target.Scheme+"://"+target.Host)
	code := target.Query().Get("code")
	if resp := phone.post("/sandbox/wallet/signin", url.Values{"code": {code}, "login": {u.Login}, "password": {u.Password}}); resp.StatusCode != http.StatusSeeOther {
		b.Fatalf("wallet app sign-in: %d", resp.StatusCode)
	}
	if resp := phone.post("/sandbox/wallet/authorize", url.Values{"code": {code}, "action": {"agree"}}); resp.StatusCode != http.StatusOK {
		b.Fatalf("wallet app agree: %d", resp.StatusCode)
	}
}

func freeLoopback(b *testing.B) string {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		b.Fatal(err)
	}
	defer ln.Close()
	return ln.Addr().String()
}
