package handlers

import (
	"bytes"
	"log/slog"
	"net/http/httptest"
	"strings"
	"testing"
)

// A request with X-Forwarded-For from a peer TRUSTED_PROXIES does not
// name is told once in the log (a load balancer left unconfigured makes
// the whole shop one address to the limits); from a trusted one, or
// without the header, nothing is said.
func TestUntrustedForwardingIsWarnedOnce(t *testing.T) {
	for _, c := range []struct {
		name    string
		trusted []string
		header  string
		warns   int
	}{
		{"untrusted peer", nil, "203.0.113.9", 1},
		{"trusted peer", []string{"192.0.2.0/24"}, "203.0.113.9", 0},
		// The load balancer's own probe, or a request from another
		// address it trusts: the client is a trusted address too.
		{"trusted peer forwarding its own address", []string{"192.0.2.0/24"}, "192.0.2.7", 0},
		{"trusted single address forwarding itself", []string{"192.0.2.1"}, "192.0.2.1", 0},
		{"untrusted peer forwarding itself", []string{"198.51.100.0/24"}, "192.0.2.1", 1},
		{"no header", nil, "", 0},
	} {
		t.Run(c.name, func(t *testing.T) {
			ta := newTestApp(t)
			var logs bytes.Buffer
			ta.Log = slog.New(slog.NewTextHandler(&logs, nil))
			ta.TrustedProxies = c.trusted
			routes := ta.Routes()
			for range 3 {
				req := httptest.NewRequest("GET", "/", nil)
				req.RemoteAddr = "192.0.2.1:4000"
				if c.header != "" {
					req.Header.Set("X-Forwarded-For", c.header)
				}
				routes.ServeHTTP(httptest.NewRecorder(), req)
			}
			if n := strings.Count(logs.String(), "TRUSTED_PROXIES does not name"); n != c.warns {
				t.Fatalf("%d WARN lines, want %d:\n%s", n, c.warns, logs.String())
			}
		})
	}
}
