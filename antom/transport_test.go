package antom

import (
	"io"
	"net"
	"net/http"
	"net/http/httptest"
	"sync"
	"sync/atomic"
	"testing"
	"time"
)

// Calls made in rounds of 8 at once reuse the 8 connections of the first
// round: KeepAliveTransport keeps them idle between rounds (the default
// transport keeps 2 per host and opens 6 new ones every round).
func TestKeepAliveTransportReusesConnections(t *testing.T) {
	const inFlight, rounds = 8, 5
	var opened atomic.Int64
	var arrived sync.WaitGroup
	srv := httptest.NewUnstartedServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		arrived.Done()
		arrived.Wait() // answer once the whole round is in flight: 8 connections at once
		io.WriteString(w, "ok")
	}))
	srv.Config.ConnState = func(_ net.Conn, s http.ConnState) {
		if s == http.StateNew {
			opened.Add(1)
		}
	}
	srv.Start()
	defer srv.Close()
	client := &http.Client{Timeout: 5 * time.Second, Transport: KeepAliveTransport()}
	for range rounds {
		arrived.Add(inFlight)
		var calls sync.WaitGroup
		for range inFlight {
			calls.Go(func() {
				resp, err := client.Get(srv.URL)
				if err != nil {
					t.Error(err)
					return
				}
				io.Copy(io.Discard, resp.Body)
				resp.Body.Close()
			})
		}
		calls.Wait()
	}
	if n := opened.Load(); n != inFlight {
		t.Fatalf("%d connections opened for %d rounds of %d calls at once, want %d", n, rounds, inFlight, inFlight)
	}
}
