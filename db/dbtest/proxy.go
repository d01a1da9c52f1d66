package dbtest

import (
	"context"
	"net"
	"net/url"
	"sync"
	"sync/atomic"
	"testing"

	"antom-checkout/db"
)

// CountingProxy forwards TCP connections to a PostgreSQL server and
// counts the round trips of the connections through it: each time a
// client sends after the server has answered counts one (a pipeline sent
// in one go counts once; so does a message of several statements). Loopback
// only; it adds a hop, so it measures round trips, not their speed.
type CountingProxy struct {
	URL   string // the database's URL through the proxy
	turns atomic.Int64
	// Sent, if set before the first connection, sees all a client sends
	// on connection conn (numbered from 0 in order of connecting), in
	// order: newTurn says whether data begins a round trip. It runs on
	// that connection's forwarding goroutine.
	Sent func(conn int, data []byte, newTurn bool)
}

// RoundTrips is how many round trips went through p so far.
func (p *CountingProxy) RoundTrips() int64 { return p.turns.Load() }

// StartCountingProxy starts a CountingProxy in front of the PostgreSQL
// database at dbURL, closed with its connections when the test ends.
func StartCountingProxy(tb testing.TB, dbURL string) *CountingProxy {
	tb.Helper()
	u, err := url.Parse(dbURL)
	if err != nil {
		tb.Fatal(err)
	}
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		tb.Fatal(err)
	}
	target := u.Host
	u.Host = ln.Addr().String()
	p := &CountingProxy{URL: u.String()}
	var wg sync.WaitGroup
	var mu sync.Mutex
	var open []net.Conn
	tb.Cleanup(func() {
		ln.Close()
		mu.Lock()
		for _, c := range open {
			c.Close()
		}
		mu.Unlock()
		wg.Wait()
	})
	wg.Add(1)
	go func() {
		defer wg.Done()
		for id := 0; ; id++ {
			c, err := ln.Accept()
			if err != nil {
				return
			}
			s, err := net.Dial("tcp", target)
			if err != nil {
				c.Close()
				continue
			}
			mu.Lock()
			open = append(open, c, s)
			mu.Unlock()
			wg.Add(2)
			var answered atomic.Bool
			answered.Store(true)
			go func() { // client → PostgreSQL
				defer wg.Done()
				defer s.Close()
				p.forward(s, c, func(data []byte) {
					turn := answered.Swap(false)
					if turn {
						p.turns.Add(1)
					}
					if p.Sent != nil {
						p.Sent(id, data, turn)
					}
				})
			}()
			go func() { // PostgreSQL → client
				defer wg.Done()
				defer c.Close()
				p.forward(c, s, func([]byte) { answered.Store(true) })
			}()
		}
	}()
	return p
}

// forward copies from to to, calling sent with what it read before
// each write, until either ends.
func (p *CountingProxy) forward(to, from net.Conn, sent func(data []byte)) {
	buf := make([]byte, 64<<10)
	for {
		n, err := from.Read(buf)
		if n > 0 {
			sent(buf[:n])
			if _, werr := to.Write(buf[:n]); werr != nil {
				return
			}
		}
		if err != nil {
			return
		}
	}
}

// OpenCounted opens a fresh PostgreSQL database (PostgresURL) through a
// CountingProxy, closed when the test ends: for the tests that pin how
// many round trips a flow takes.
func OpenCounted(tb testing.TB) (*db.DB, *CountingProxy) {
	tb.Helper()
	p := StartCountingProxy(tb, PostgresURL(tb))
	d, err := db.Open(context.Background(), p.URL)
	if err != nil {
		tb.Fatal(err)
	}
	tb.Cleanup(func() { d.Close() })
	return d, p
}
