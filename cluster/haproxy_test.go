package cluster

import (
	"context"
	"fmt"
	"io"
	"net"
	"net/http"
	"os"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"antom-checkout/internal/freeport"
	"antom-checkout/internal/syncbuf"
)

// longPoll is how long the test backend holds a request, as the app's
// long-polls do (handlers.pollWindow).
const longPoll = 25 * time.Second

// A buyer who closes a page while its long-poll waits ends that request
// at the instance promptly, through haproxy: the instance's request
// context is cancelled (the app logs it as a client gone, 499) well
// before the long-poll's 25 s are up — not held for all of them, as
// haproxy does without "option abortonclose" when the client's close
// reaches it as a FIN (a half-close it may not take for an abort).
func TestHAProxyEndsAClosedClientsLongPoll(t *testing.T) {
	lb, backend, out := startHAProxyBefore(t)
	for _, close := range []struct {
		name string
		do   func(*net.TCPConn)
	}{
		{"FIN", func(c *net.TCPConn) { c.Close() }},
		{"RST", func(c *net.TCPConn) { c.SetLinger(0); c.Close() }},
	} {
		t.Run(close.name, func(t *testing.T) {
			conn, err := net.Dial("tcp", lb)
			if err != nil {
				t.Fatal(err)
			}
			defer conn.Close()
			path := "/orders/ORD-" + close.name + "/status"
			fmt.Fprintf(conn, "GET %s?seen=x HTTP/1.1\r\nHost: %s\r\n\r\n", path, lb)
			select {
			case <-backend.started:
			case <-time.After(10 * time.Second):
				t.Fatal("the long-poll did not reach the instance through haproxy within 10 s")
			}
			closed := time.Now()
			close.do(conn.(*net.TCPConn))
			select {
			case <-backend.cancelled:
				t.Logf("the instance saw the client go after %s", time.Since(closed).Round(time.Millisecond))
				line := waitForLine(t, out, "GET "+path+" ")
				if !strings.Contains(line, " term=C") {
					t.Errorf("haproxy logged the closed client's request as %q, want a termination state C… (the client went away)", line)
				}
				if strings.Contains(line, "seen=") {
					t.Errorf("haproxy logged the request's query: %q", line)
				}
			case <-backend.heldToEnd:
				t.Fatalf("the instance held the closed client's long-poll its whole %s", longPoll)
			case <-time.After(longPoll / 3):
				t.Fatalf("the instance's request was not cancelled within %s of the client closing (%s close)", longPoll/3, close.name)
			}
		})
	}
}

// A pay POST that reached an instance which then died (kill -9 while it
// worked: its connection closed without an answer) is answered 502 by
// haproxy and never sent again, to that instance or another: retries and
// redispatch are for requests that could not be sent (retry-on's default,
// conn-failure). Any resend of it is the browser's, which the pay handler
// knows by its form's key.
func TestHAProxyNeverResendsAPostThatReachedAnInstance(t *testing.T) {
	requireHAProxy(t)
	var posts atomic.Int32
	dying := http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path == "/healthz" {
			return
		}
		posts.Add(1)
		io.Copy(io.Discard, r.Body)
		conn, _, err := http.NewResponseController(w).Hijack()
		if err != nil {
			t.Error(err)
			return
		}
		conn.Close() // as the kernel closes a killed process's connections
	})
	var instances []*Instance
	for range 2 {
		instances = append(instances, &Instance{addr: serve(t, dying)})
	}
	lb, out := startHAProxy(t, instances)
	resp, err := http.Post("http://"+lb+"/checkout/ORD-1/pay", "application/x-www-form-urlencoded", strings.NewReader("wallet=1"))
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusBadGateway {
		t.Errorf("haproxy answered %d, want 502", resp.StatusCode)
	}
	if n := posts.Load(); n != 1 {
		t.Errorf("the pay POST reached the instances %d times, want once", n)
	}
	if line := waitForLine(t, out, "POST /checkout/ORD-1/pay "); !strings.Contains(line, "status=502") || !strings.Contains(line, " term=SH") {
		t.Errorf("haproxy logged the cut-off pay as %q, want status=502 and its termination state SH (the instance closed before answering)", line)
	}
}

// pollBackend is a stand-in instance: /healthz answers 200; any other
// request is a long-poll, held until its context ends or longPoll has
// passed, which it reports on the matching channel.
type pollBackend struct {
	started, cancelled, heldToEnd chan struct{}
}

func (b *pollBackend) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	if r.URL.Path == "/healthz" {
		return
	}
	b.started <- struct{}{}
	select {
	case <-r.Context().Done():
		b.cancelled <- struct{}{}
	case <-time.After(longPoll):
		b.heldToEnd <- struct{}{}
		io.WriteString(w, "{}")
	}
}

// startHAProxyBefore starts haproxy, configured as make run-cluster
// configures it, in front of one pollBackend, and returns haproxy's
// address.
func startHAProxyBefore(t *testing.T) (string, *pollBackend, *syncbuf.Buffer) {
	t.Helper()
	requireHAProxy(t)
	backend := &pollBackend{started: make(chan struct{}, 1), cancelled: make(chan struct{}, 1), heldToEnd: make(chan struct{}, 1)}
	lb, out := startHAProxy(t, []*Instance{{addr: serve(t, backend)}})
	return lb, backend, out
}

// waitForLine returns the first line of haproxy's output holding s, once
// haproxy has written it (within 10 s).
func waitForLine(t *testing.T, out *syncbuf.Buffer, s string) string {
	t.Helper()
	deadline := time.Now().Add(10 * time.Second)
	for {
		for line := range strings.Lines(out.String()) {
			if strings.Contains(line, s) {
				return strings.TrimSpace(line)
			}
		}
		if time.Now().After(deadline) {
			t.Fatalf("haproxy logged no line holding %q within 10 s; it said:\n%s", s, out.String())
		}
		time.Sleep(10 * time.Millisecond)
	}
}

// requireHAProxy skips the test when haproxy is not installed, and fails
// it when CI is set.
func requireHAProxy(t *testing.T) {
	t.Helper()
	if _, err := HAProxyPath(); err != nil {
		if os.Getenv("CI") != "" {
			t.Fatal("haproxy is not installed, and CI is set")
		}
		t.Skip(err)
	}
}

// serve serves h on a free loopback port until the test ends, and
// returns its address.
func serve(t *testing.T, h http.Handler) string {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	srv := &http.Server{Handler: h, ReadHeaderTimeout: 5 * time.Second}
	go srv.Serve(ln)
	t.Cleanup(func() { srv.Close() })
	return ln.Addr().String()
}

// startHAProxy starts haproxy, configured as make run-cluster configures
// it, in front of instances, stopped when the test ends, and returns its
// address and what it writes.
func startHAProxy(t *testing.T, instances []*Instance) (string, *syncbuf.Buffer) {
	t.Helper()
	lb, err := freeport.Addr()
	if err != nil {
		t.Fatal(err)
	}
	out := new(syncbuf.Buffer)
	p, err := StartHAProxy(context.Background(), t.TempDir(), lb, instances, out)
	if err != nil {
		t.Fatalf("%v; haproxy said:\n%s", err, out.String())
	}
	t.Cleanup(func() {
		p.Stop(5 * time.Second)
		if t.Failed() && strings.TrimSpace(out.String()) != "" {
			t.Logf("haproxy said:\n%s", out.String())
		}
	})
	return lb, out
}
