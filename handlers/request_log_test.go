package handlers

import (
	"bytes"
	"context"
	"encoding/json"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"sync"
	"testing"
	"time"

	"antom-checkout/checkout"
)

// requests records what RequestObserver is told.
type requests struct {
	mu   sync.Mutex
	seen []string // "route method status"
}

func (r *requests) Request(route, method string, status int, _ time.Duration) {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.seen = append(r.seen, route+" "+method+" "+http.StatusText(status))
}

// Every request gets one log line with its route pattern, status,
// duration and request id; a sane incoming X-Request-Id is kept, anything
// else is replaced, and the answer says which one it got.
func TestRequestLineAndRequestID(t *testing.T) {
	ta := newTestApp(t)
	var logs bytes.Buffer
	ta.Log = slog.New(slog.NewJSONHandler(&logs, nil))
	seen := &requests{}
	ta.Metrics = seen

	cases := []struct {
		name, incoming string
		keep           bool
	}{
		{"uuid from a proxy", "3f1c9a8e-1b2c-4d5e-8f90-123456789abc", true},
		{"none", "", false},
		{"log injection", "abc\" level=ERROR msg=forged", false},
		{"too long", strings.Repeat("a", 65), false},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			logs.Reset()
			req := httptest.NewRequest(http.MethodGet, "/orders/ORD-NOPE?token=secret", nil)
			if tc.incoming != "" {
				req.Header.Set("X-Request-Id", tc.incoming)
			}
			rec := ta.do(req)
			id := rec.Header().Get("X-Request-Id")
			if tc.keep && id != tc.incoming || !tc.keep && (id == tc.incoming || !saneRequestID(id)) {
				t.Fatalf("X-Request-Id = %q for incoming %q", id, tc.incoming)
			}
			line := requestLine(t, logs.String())
			assertEqual(t, line["route"], any("/orders/:ref"), "route")
			assertEqual(t, line["path"], any("/orders/ORD-NOPE"), "path (no query)")
			assertEqual(t, line["status"], any(float64(rec.Code)), "status")
			assertEqual(t, line["http_request_id"], any(id), "request id")
			if _, ok := line["duration_ms"].(float64); !ok {
				t.Fatalf("no duration: %v", line)
			}
		})
	}
	logs.Reset()
	ta.get("/no/such/page")
	assertEqual(t, requestLine(t, logs.String())["route"], any("unmatched"), "unmatched route logged") // as the metric says
	seen.mu.Lock()
	assertEqual(t, seen.seen[0], "/orders/:ref GET See Other", "observed request") // signed out: to sign in
	assertEqual(t, seen.seen[len(seen.seen)-1], "unmatched GET Not Found", "unmatched route")
	seen.mu.Unlock()

	// A post the cross-origin check refuses never reaches a route: its
	// own name, not unmatched, in the line and the metrics.
	logs.Reset()
	req := httptest.NewRequest(http.MethodPost, "/orders", strings.NewReader("product=coffee&quantity=1"))
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	req.Header.Set("Sec-Fetch-Site", "cross-site")
	assertEqual(t, ta.do(req).Code, http.StatusForbidden, "cross-site post")
	assertEqual(t, requestLine(t, logs.String())["route"], any("cross-origin"), "cross-origin route logged")
	seen.mu.Lock()
	defer seen.mu.Unlock()
	assertEqual(t, seen.seen[len(seen.seen)-1], "cross-origin POST Forbidden", "cross-origin route")
}

// What a handler logs beside its request's line carries the request's
// id: a forged notification's "notification refused" line, for one.
func TestHandlerLinesCarryTheRequestID(t *testing.T) {
	ta := newTestApp(t)
	var logs bytes.Buffer
	ta.Log = slog.New(slog.NewJSONHandler(&logs, nil))
	req := ta.notification(t, testClientID, "/antom/notify", ta.now.Format(time.RFC3339), []byte(`{"notifyType":"PAYMENT_RESULT"}`))
	req.Header["signature"] = []string{"algorithm=RSA256,keyVersion=1,signature=Zm9yZ2Vk"}
	req.Header.Set("X-Request-Id", "req-forged-1")
	assertEqual(t, ta.do(req).Code, http.StatusUnauthorized, "forged notification")
	found := false
	for _, l := range strings.Split(strings.TrimSpace(logs.String()), "\n") {
		var m map[string]any
		if err := json.Unmarshal([]byte(l), &m); err != nil {
			t.Fatalf("log line %q: %v", l, err)
		}
		if m["msg"] == "notification refused" {
			found = true
			assertEqual(t, m["http_request_id"], any("req-forged-1"), "request id on the refusal")
		}
	}
	if !found {
		t.Fatalf("no refusal line: %s", logs.String())
	}
}

// requestLine returns the one "request" line in logs.
func requestLine(t *testing.T, logs string) map[string]any {
	t.Helper()
	var found map[string]any
	for _, l := range strings.Split(strings.TrimSpace(logs), "\n") {
		var m map[string]any
		if err := json.Unmarshal([]byte(l), &m); err != nil {
			t.Fatalf("log line %q: %v", l, err)
		}
		if m["msg"] == "request" {
			if found != nil {
				t.Fatalf("two request lines: %s", logs)
			}
			found = m
		}
	}
	if found == nil {
		t.Fatalf("no request line: %s", logs)
	}
	return found
}

// The request id reaches the domain: what a request records on the
// order's timeline carries it.
func TestRequestIDReachesTheTimeline(t *testing.T) {
	ta := newTestApp(t)
	srv := httptest.NewServer(ta.Routes())
	defer srv.Close()
	req, _ := http.NewRequest(http.MethodPost, srv.URL+"/orders", strings.NewReader("product=coffee&quantity=1"))
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	req.Header.Set("X-Request-Id", "req-create-1")
	resp, err := (&http.Client{CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}).Do(req)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	ref := strings.TrimPrefix(resp.Header.Get("Location"), "/checkout/")
	events, err := ta.DB.Events(context.Background(), checkout.OrderSubject(ref))
	if err != nil || len(events) == 0 {
		t.Fatalf("timeline of %q: %v %v", ref, events, err)
	}
	assertEqual(t, events[0].HTTPRequestID, "req-create-1", "request id on the timeline")
}

// When the app stops, a waiting long-poll answers at once with the state
// it has, instead of holding shutdown for its whole window.
func TestLongPollAnswersWhenTheAppStops(t *testing.T) {
	ta := newTestApp(t)
	b := ta.client(t)
	ref := b.buy("coffee", "1")
	var first orderStatus
	json.Unmarshal([]byte(b.get("/orders/"+ref+"/status?seen=x").body), &first)

	answered := make(chan page, 1)
	go func() { answered <- b.get("/orders/" + ref + "/status?seen=" + url.QueryEscape(first.Key)) }()
	waitFor(t, func() bool { return ta.Checkout.Hub().Waiting(checkout.OrderSubject(ref)) > 0 })
	ta.Checkout.Hub().Stop()
	select {
	case p := <-answered:
		var s orderStatus
		json.Unmarshal([]byte(p.body), &s)
		assertEqual(t, p.status, http.StatusOK, "status")
		assertEqual(t, s.Status, first.Status, "state")
	case <-time.After(pollWindow / 2):
		t.Fatal("the long-poll kept waiting after Stop")
	}
}

// waitFor polls cond until it holds, failing after 10 s.
func waitFor(t *testing.T, cond func() bool) {
	t.Helper()
	deadline := time.Now().Add(10 * time.Second)
	for !cond() {
		if time.Now().After(deadline) {
			t.Fatal("condition not met within 10 s")
		}
		time.Sleep(5 * time.Millisecond)
	}
}

// The admin timeline shows which request caused each line.
func TestAdminTimelineShowsTheRequestID(t *testing.T) {
	ta := newAdminApp(t)
	ref, _ := ta.paidOrder(t, "traced@example.com")
	b := ta.client(t)
	b.staffSignIn()
	key := refundFormKey(t, b.get("/admin/orders/"+ref).body)
	form := b.confirmation("/admin/orders/"+ref+"/refunds", url.Values{"amount": {"5"}, "reason": {"broken"}, "key": {key}})
	req, _ := http.NewRequest(http.MethodPost, b.base+"/admin/orders/"+ref+"/refunds", strings.NewReader(form.Encode()))
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	req.Header.Set("X-Request-Id", "req-refund-7")
	resp, err := b.http.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	read(t, resp)
	assertEqual(t, resp.StatusCode, http.StatusSeeOther, "refund")
	assertContains(t, b.get("/admin/orders/"+ref).body, `data-testid="event-request-id"`, "request req-refund-7<")
}
