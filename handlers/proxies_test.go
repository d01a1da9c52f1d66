package handlers

import (
	"bytes"
	"encoding/json"
	"log/slog"
	"net/http/httptest"
	"testing"
)

// Behind a trusted load balancer the client is who X-Forwarded-For
// names; anyone else's header is ignored.
func TestClientAddressBehindTrustedProxies(t *testing.T) {
	tests := []struct {
		trusted []string
		peer    string
		want    string
	}{
		{nil, "192.0.2.1:4000", "192.0.2.1"},
		{[]string{"192.0.2.1"}, "192.0.2.1:4000", "203.0.113.9"},
		{[]string{"192.0.2.0/24"}, "192.0.2.77:4000", "203.0.113.9"},
		{[]string{"192.0.2.1"}, "198.51.100.7:4000", "198.51.100.7"},
	}
	for _, tt := range tests {
		ta := newTestApp(t)
		var logs bytes.Buffer
		ta.Log = slog.New(slog.NewJSONHandler(&logs, nil))
		ta.TrustedProxies = tt.trusted
		req := httptest.NewRequest("GET", "/healthz", nil)
		req.RemoteAddr = tt.peer
		req.Header.Set("X-Forwarded-For", "203.0.113.9")
		ta.Routes().ServeHTTP(httptest.NewRecorder(), req)
		var line struct{ Msg, IP string }
		for l := range bytes.Lines(logs.Bytes()) { // the request's line (an untrusted header's WARN comes first)
			if err := json.Unmarshal(l, &line); err != nil {
				t.Fatalf("log %q: %v", logs.String(), err)
			}
			if line.Msg == "request" {
				break
			}
		}
		if line.IP != tt.want {
			t.Errorf("trusted %v, peer %s: client %q, want %q", tt.trusted, tt.peer, line.IP, tt.want)
		}
	}
}
