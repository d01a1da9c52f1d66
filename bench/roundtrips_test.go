package bench

import (
	"errors"
	"fmt"
	"io"
	"net"
	"net/url"
	"runtime"
	"sync"
	"sync/atomic"
	"testing"

	"antom-checkout/app/apptest"
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
	p := startCountingProxy(b, dbtest.PostgresURL(b))
	srv := apptest.Start(b, map[string]string{"DATABASE_URL": p.url})
	workers := 2 * runtime.GOMAXPROCS(0)
	var payers []*payer
	for i, u := range fundedUsers(workers) {
		payers = append(payers, newPayer(b, srv, fmt.Sprintf("bench-rt-pg-%d@example.com", i), u))
	}
	before := p.turns.Load()
	payInParallel(b, payers)
	b.ReportMetric(float64(p.turns.Load()-before)/float64(b.N), "round-trips/payment")
}

// countingProxy forwards TCP connections to a PostgreSQL server and counts
// the app's turns to speak.
type countingProxy struct {
	url   string // the database's URL through the proxy
	turns atomic.Int64
}

func startCountingProxy(b *testing.B, dbURL string) *countingProxy {
	u, err := url.Parse(dbURL)
	if err != nil {
		b.Fatal(err)
	}
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		b.Fatal(err)
	}
	target := u.Host
	u.Host = ln.Addr().String()
	p := &countingProxy{url: u.String()}
	var wg sync.WaitGroup
	b.Cleanup(func() { ln.Close(); wg.Wait() })
	wg.Add(1)
	go func() {
		defer wg.Done()
		for {
			c, err := ln.Accept()
			if err != nil {
				return
			}
			s, err := net.Dial("tcp", target)
			if err != nil {
				c.Close()
				continue
			}
			wg.Add(2)
			var answered atomic.Bool
			answered.Store(true)
			go func() { // app → PostgreSQL
				defer wg.Done()
				defer s.Close()
				buf := make([]byte, 64<<10)
				for {
					n, err := c.Read(buf)
					if n > 0 {
						if answered.Swap(false) {
							p.turns.Add(1)
						}
						if _, werr := s.Write(buf[:n]); werr != nil {
							return
						}
					}
					if err != nil {
						return
					}
				}
			}()
			go func() { // PostgreSQL → app
				defer wg.Done()
				defer c.Close()
				buf := make([]byte, 64<<10)
				for {
					n, err := s.Read(buf)
					if n > 0 {
						answered.Store(true)
						if _, werr := c.Write(buf[:n]); werr != nil {
							return
						}
					}
					if err != nil {
						if !errors.Is(err, io.EOF) {
							return
						}
						return
					}
				}
			}()
		}
	}()
	return p
}
