package handlers

import (
	"bytes"
	"errors"
	"log/slog"
	"strings"
	"testing"
)

// A load balancer's /healthz probes are logged when the answer is not a
// plain ok or differs from the one before (the first after a start
// too), not once per probe; every probe is still counted, and every
// other route keeps one line per request.
func TestHealthzProbesLoggedOnChangeOnly(t *testing.T) {
	ta := newTestApp(t)
	var logs bytes.Buffer
	ta.Log = slog.New(slog.NewTextHandler(&logs, nil))
	seen := &requests{}
	ta.Metrics = seen
	lines := func() int {
		n := strings.Count(logs.String(), "msg=request method=GET route=/healthz ")
		logs.Reset()
		return n
	}
	probe := func(n int) {
		for range n {
			ta.get("/healthz")
		}
	}

	probe(3)
	assertEqual(t, lines(), 1, "lines for three ok probes after a start")
	ta.gateway = errors.New("antom: gateway unreachable")
	probe(2)
	assertEqual(t, lines(), 2, "lines for two degraded probes")
	ta.gateway = nil
	probe(3)
	assertEqual(t, lines(), 1, "lines for three ok probes after degraded ones")

	for range 3 {
		ta.get("/no/such/page")
	}
	assertEqual(t, strings.Count(logs.String(), "msg=request "), 3, "lines for three requests to another route")

	seen.mu.Lock()
	defer seen.mu.Unlock()
	probes := 0
	for _, s := range seen.seen {
		if strings.HasPrefix(s, "/healthz GET ") {
			probes++
		}
	}
	assertEqual(t, probes, 8, "probes counted by the metrics")
}
