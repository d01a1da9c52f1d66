package handlers

import (
	"bytes"
	"context"
	"encoding/json"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"net/url"
	"testing"
	"time"

	"antom-checkout/checkout"
	"antom-checkout/db"
)

// A long-poll whose request ends while it waits is not a 200: a page
// closed (its context cancelled) is logged "request ended by its client"
// with 499, one cut off by the shutdown deadline (cancelled with
// ErrShutdownDeadline as the cause) "request cut off at the shutdown
// deadline" with 503; the request line and the metrics say the same.
// Both polls (result and link page) share the wait.
func TestLongPollEndedBeforeItsAnswer(t *testing.T) {
	ta := newTestApp(t)
	b := ta.client(t)
	b.signUp("gone@example.com")
	ref := b.buy("coffee", "1")
	var first orderStatus
	json.Unmarshal([]byte(b.get("/orders/"+ref+"/status?seen=x").body), &first)
	link := ta.linkAttempt(t, ta.buyerID(t, "gone@example.com"), "gone-state", "WEB", "https://qr.test/gone", "")
	base, _ := url.Parse(b.base)
	polls := []struct{ path, route, subject string }{
		{"/orders/" + ref + "/status?lang=en&seen=" + url.QueryEscape(first.Key), "/orders/:ref/status", checkout.OrderSubject(ref)},
		{"/wallets/link/" + itoa(link) + "/status?seen=" + db.LinkPending, "/wallets/link/:id/status", checkout.LinkSubject(link)},
	}
	endings := []struct {
		cause  error
		status int
		msg    string
	}{
		{context.Canceled, statusClientClosed, "request ended by its client"},
		{ErrShutdownDeadline, http.StatusServiceUnavailable, "request cut off at the shutdown deadline"},
	}
	for _, poll := range polls {
		for _, end := range endings {
			var logs bytes.Buffer
			ta.Log = slog.New(slog.NewJSONHandler(&logs, nil))
			seen := &requests{}
			ta.Metrics = seen
			ctx, cancel := context.WithCancelCause(context.Background())
			req := httptest.NewRequest(http.MethodGet, poll.path, nil).WithContext(ctx)
			req.Header.Set("Accept", "application/json")
			for _, c := range b.http.Jar.Cookies(base) {
				req.AddCookie(c)
			}
			rec := httptest.NewRecorder()
			done := make(chan struct{})
			go func() { ta.Routes().ServeHTTP(rec, req); close(done) }()
			waitFor(t, func() bool { return ta.Checkout.Hub().Waiting(poll.subject) > 0 })
			cancel(end.cause)
			select {
			case <-done:
			case <-time.After(5 * time.Second):
				t.Fatalf("%s: still waiting 5 s after its context ended", poll.route)
			}
			line := requestLine(t, logs.String())
			assertEqual(t, line["route"], any(poll.route), "route")
			assertEqual(t, line["status"], any(float64(end.status)), poll.route+" logged status")
			assertContains(t, logs.String(), `"msg":"`+end.msg+`"`)
			if want := poll.route + " GET " + http.StatusText(end.status); len(seen.seen) != 1 || seen.seen[0] != want {
				t.Fatalf("counted %q, want %q", seen.seen, want)
			}
		}
	}
}
