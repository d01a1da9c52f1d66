package bench

import (
	"encoding/binary"
	"fmt"
	"maps"
	"regexp"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"antom-checkout/db/dbtest"
)

// BenchmarkOneClickPayPostgresRoundTripsByRequest is
// BenchmarkOneClickPayPostgresRoundTrips broken down: b.N payments, one
// request after the other, each payer paying until its wallet would not
// buy another notebook, and the round trips are counted
// per request kind — the order, the pay request, the result page, and
// "after" (its notification and the background work, counted for 400 ms
// from the result page's answer). With
// -v it logs, per kind, the statements that open each round trip, most
// frequent first: where the round trips go. Not run by CI.
func BenchmarkOneClickPayPostgresRoundTripsByRequest(b *testing.B) {
	p := dbtest.StartCountingProxy(b, dbtest.PostgresURL(b))
	rec := &turnRecorder{conns: map[int]*pgStream{}, by: map[string]map[string]int{}}
	rec.kind.Store("setup")
	p.Sent = rec.sent
	srv := startApp(b, map[string]string{"DATABASE_URL": p.URL})
	payers := linkPayers(b, srv, "bench-rt-by-request", payersFor(b.N, 1))
	// The app's background work (the reconciler every 200 ms, leases)
	// goes on without payments too: "idle" counts it in a window as long
	// as "after", before the payments.
	const window = 400 * time.Millisecond
	settle := func() { time.Sleep(window) }
	settle()
	idleBefore := p.RoundTrips()
	rec.kind.Store("0 idle")
	settle()
	idle := p.RoundTrips() - idleBefore
	counts := map[string]int64{}
	phase := func(kind string, do func()) {
		rec.kind.Store(kind)
		before := p.RoundTrips()
		do()
		counts[kind] += p.RoundTrips() - before
	}
	b.ResetTimer()
	next := 0
	for range b.N {
		for !payers[next].spend() {
			next++ // payersFor(b.N, 1) linked enough
		}
		payer := payers[next]
		var ref string
		phase("1 POST /orders", func() { ref = payer.order() })
		phase("2 POST /checkout/:ref/pay", func() {
			resp := payer.client.post("/checkout/"+ref+"/pay", map[string][]string{"wallet": {payer.wallet}})
			if resp.StatusCode != 303 {
				b.Fatalf("pay: %d", resp.StatusCode)
			}
		})
		phase("3 GET /orders/:ref", func() {
			if !paidPage.MatchString(payer.page("/orders/" + ref)) {
				b.Fatalf("order %s is not paid", ref)
			}
		})
		phase("4 after (notification, background)", settle)
	}
	b.StopTimer()
	rec.kind.Store("done")
	total := int64(0)
	for _, k := range slices.Sorted(maps.Keys(counts)) {
		b.ReportMetric(float64(counts[k])/float64(b.N), "rt-"+strings.Fields(k)[0])
		total += counts[k]
		b.Logf("%-40s %6.2f round trips/payment", k, float64(counts[k])/float64(b.N))
	}
	b.ReportMetric(float64(total)/float64(b.N), "round-trips/payment")
	b.Logf("idle: %d round trips in %v, without payments (in \"after\" too)", idle, window)
	rec.mu.Lock()
	defer rec.mu.Unlock()
	for _, s := range rec.conns {
		rec.flush(s)
	}
	for _, l := range rec.last {
		b.Logf("last payment: %s", *l)
	}
	for _, k := range slices.Sorted(maps.Keys(rec.by)) {
		if k == "setup" || k == "done" {
			continue
		}
		m := rec.by[k]
		labels := slices.SortedFunc(maps.Keys(m), func(x, y string) int { return m[y] - m[x] })
		for _, l := range labels {
			b.Logf("%s  %5.2f  %s", strings.Fields(k)[0], float64(m[l])/float64(b.N), l)
		}
	}
}

// turnRecorder labels each round trip with the statements it sends and
// tallies the labels per request kind.
type turnRecorder struct {
	kind  atomic.Value // string: the request kind now running
	mu    sync.Mutex
	conns map[int]*pgStream
	by    map[string]map[string]int // kind → label → round trips
	last  []*string                 // the last payment's round trips, in the order they began
}

func (r *turnRecorder) sent(conn int, data []byte, newTurn bool) {
	r.mu.Lock()
	defer r.mu.Unlock()
	s := r.conns[conn]
	if s == nil {
		s = &pgStream{prepared: map[string]string{}, id: conn}
		r.conns[conn] = s
	}
	if newTurn {
		r.flush(s)
		s.kind = r.kind.Load().(string)
		if n := len(r.last); s.kind == "1 POST /orders" && n > 0 && !strings.HasPrefix(*r.last[n-1], "1 ") {
			r.last = nil // a new payment
		}
		s.entry = new(string)
		*s.entry = s.kind
		r.last = append(r.last, s.entry)
	}
	s.read(data)
}

// flush tallies s's finished turn.
func (r *turnRecorder) flush(s *pgStream) {
	if len(s.turn) == 0 {
		return
	}
	label := strings.Join(s.turn, " | ")
	if r.by[s.kind] == nil {
		r.by[s.kind] = map[string]int{}
	}
	r.by[s.kind][label]++
	*s.entry = fmt.Sprintf("%s conn %d: %s", strings.Fields(s.kind)[0], s.id, label)
	s.turn = nil
}

// pgStream decodes the frontend messages of one connection (PostgreSQL's
// protocol 3): the statements each turn sends.
type pgStream struct {
	buf      []byte
	started  bool              // past the startup message
	prepared map[string]string // statement name → its SQL
	turn     []string          // this turn's statements
	kind     string
	id       int
	entry    *string // this turn's line in turnRecorder.last
}

var spaces = regexp.MustCompile(`\s+`)

func shortSQL(q string) string {
	q = spaces.ReplaceAllString(strings.TrimSpace(q), " ")
	if len(q) > 90 {
		q = q[:90] + "…"
	}
	return q
}

func (s *pgStream) read(data []byte) {
	s.buf = append(s.buf, data...)
	for {
		if !s.started {
			if len(s.buf) < 8 {
				return
			}
			n := int(binary.BigEndian.Uint32(s.buf))
			if len(s.buf) < n {
				return
			}
			code := binary.BigEndian.Uint32(s.buf[4:])
			s.buf = s.buf[n:]
			if code != 80877103 && code != 80877104 { // not SSLRequest, GSSENCRequest
				s.started = true
			}
			continue
		}
		if len(s.buf) < 5 {
			return
		}
		n := int(binary.BigEndian.Uint32(s.buf[1:]))
		if len(s.buf) < 1+n {
			return
		}
		typ, body := s.buf[0], s.buf[5:1+n]
		s.buf = s.buf[1+n:]
		cstr := func(b []byte) (string, []byte) {
			i := slices.Index(b, 0)
			if i < 0 {
				return string(b), nil
			}
			return string(b[:i]), b[i+1:]
		}
		switch typ {
		case 'Q':
			q, _ := cstr(body)
			s.turn = append(s.turn, "Q:"+shortSQL(q))
		case 'P':
			name, rest := cstr(body)
			q, _ := cstr(rest)
			if name != "" {
				s.prepared[name] = q
				s.turn = append(s.turn, "PREPARE:"+shortSQL(q))
			} else {
				s.turn = append(s.turn, shortSQL(q))
			}
		case 'B':
			_, rest := cstr(body)
			name, _ := cstr(rest)
			if name != "" {
				s.turn = append(s.turn, shortSQL(s.prepared[name]))
			}
		case 'X':
			s.turn = append(s.turn, "TERMINATE")
		case 'p':
			s.turn = append(s.turn, "AUTH")
		}
	}
}
