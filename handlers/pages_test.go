package handlers

import (
	"bytes"
	"context"
	"encoding/json"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"antom-checkout/db"
)

func TestHomePage(t *testing.T) {
	ta := newTestApp(t)
	rec := ta.get("/")
	assertEqual(t, rec.Code, http.StatusOK, "status")
	page := body(t, rec)
	if !strings.Contains(page, `data-testid="home-title"`) || !strings.Contains(page, `data-testid="products"`) {
		t.Fatalf("home page lacks its title or the storefront:\n%s", page)
	}
	if strings.Contains(page, "sandbox-banner") {
		t.Fatal("the sandbox banner shows while talking to real Antom")
	}
	h := rec.Header()
	if !strings.Contains(h.Get("Content-Security-Policy"), "form-action 'self' https://open-sea-global.alipay.com") ||
		h.Get("X-Content-Type-Options") != "nosniff" || h.Get("X-Frame-Options") != "DENY" {
		t.Fatalf("security headers: %v", h)
	}
	if got := h.Get("Strict-Transport-Security"); got != "" {
		t.Fatalf("Strict-Transport-Security over plain HTTP: %q", got)
	}
}

// Served over https (PUBLIC_URL), every answer — a page, a redirect, a
// 404, a file — tells the browser never to ask over plain HTTP again.
func TestHTTPSAnswersCarryStrictTransportSecurity(t *testing.T) {
	ta := newTestApp(t)
	ta.App.HTTPS = true
	for _, path := range []string{"/", "/orders", "/no/such/page", "/static/css/app.css"} {
		if got := ta.get(path).Header().Get("Strict-Transport-Security"); got != "max-age=31536000" {
			t.Errorf("%s: Strict-Transport-Security %q", path, got)
		}
	}
}

func TestUnknownPathIs404Page(t *testing.T) {
	rec := newTestApp(t).get("/no/such/page")
	assertEqual(t, rec.Code, http.StatusNotFound, "status")
	if !strings.Contains(body(t, rec), "There is no page at this address.") {
		t.Fatal("404 page lacks its message")
	}
}

func TestStaticFiles(t *testing.T) {
	rec := newTestApp(t).get("/static/css/app.css")
	assertEqual(t, rec.Code, http.StatusOK, "status")
	if !strings.HasPrefix(rec.Header().Get("Content-Type"), "text/css") {
		t.Fatalf("content type %q", rec.Header().Get("Content-Type"))
	}
}

func TestHealthz(t *testing.T) {
	ta := newTestApp(t)
	rec := ta.get("/healthz")
	assertEqual(t, rec.Code, http.StatusOK, "status")
	var h struct {
		Status   string
		Database struct{ Status string }
		Gateway  struct{ Status, Mode, Error string }
	}
	if err := json.Unmarshal([]byte(body(t, rec)), &h); err != nil {
		t.Fatal(err)
	}
	assertEqual(t, h.Status+"/"+h.Database.Status+"/"+h.Gateway.Status+"/"+h.Gateway.Mode, "ok/ok/ok/antom", "health")

	// Antom unreachable stops payments only: the instance stays in its
	// load balancer's rotation (200) for the shop, the admin and
	// Antom's notifications, and says what is wrong.
	ta.gateway = errDown
	rec = ta.get("/healthz")
	assertEqual(t, rec.Code, http.StatusOK, "status with the gateway down")
	if err := json.Unmarshal([]byte(body(t, rec)), &h); err != nil {
		t.Fatal(err)
	}
	assertEqual(t, h.Status+"/"+h.Database.Status+"/"+h.Gateway.Status, "degraded/ok/error", "health with the gateway down")

	ta.gateway = nil
	ta.DB.Close()
	rec = ta.get("/healthz")
	assertEqual(t, rec.Code, http.StatusServiceUnavailable, "status with the database closed")
	if err := json.Unmarshal([]byte(body(t, rec)), &h); err != nil {
		t.Fatal(err)
	}
	assertEqual(t, h.Status+"/"+h.Database.Status, "unavailable/error", "health with the database closed")
}

// A gateway that does not answer at all (a DNS blip, a black hole) is
// reported without making /healthz late: a load balancer's check gives
// up after its interval (haproxy's inter, 1 s) and would count a late
// answer as a failure.
func TestHealthzDoesNotWaitForAHangingGateway(t *testing.T) {
	ta := newTestApp(t)
	var left time.Duration // of the check's time, when it began
	var bounded bool
	ta.Gateway.Check = func(ctx context.Context) error {
		var at time.Time
		if at, bounded = ctx.Deadline(); bounded {
			left = time.Until(at)
		}
		<-ctx.Done()
		return ctx.Err()
	}
	rec := ta.get("/healthz")
	assertEqual(t, rec.Code, http.StatusOK, "status with the gateway hanging")
	var h struct {
		Status  string
		Gateway struct{ Status string }
	}
	if err := json.Unmarshal([]byte(body(t, rec)), &h); err != nil {
		t.Fatal(err)
	}
	assertEqual(t, h.Status+"/"+h.Gateway.Status, "degraded/error", "health with the gateway hanging")
	// The check's own bound, not the machine's speed: a check given a
	// second or more (or none) would answer after haproxy gave up.
	if !bounded || left >= time.Second {
		t.Fatalf("the gateway check had %v to answer (bounded: %v), want a bound under 1 s", left, bounded)
	}
}

// A write lock held past the probe's wait is the database busy, not
// down: /healthz answers 200 "degraded" with the database's word "busy"
// (in time for a load balancer's one-second check: the probe's own wait,
// TestCheckWriteWhileATransactionHoldsTheLock), and logs it at WARN
// once. The lock is one for every instance (PostgreSQL's advisory lock):
// a 503 took all of them out of the load balancer at once, while each
// could still serve pages. It recovers when the lock goes; a database
// that is down still answers 503 (TestHealthz).
func TestHealthzIsBusyWhileTheWriteLockIsHeld(t *testing.T) {
	ta := newTestApp(t)
	var logs bytes.Buffer
	ta.Log = slog.New(slog.NewTextHandler(&logs, nil))
	assertEqual(t, ta.get("/healthz").Code, http.StatusOK, "status before")

	holding, release, done := make(chan struct{}), make(chan struct{}), make(chan error, 1)
	go func() {
		done <- ta.DB.Tx(context.Background(), func(q *db.Queries) error {
			// The lock is the transaction's from its first statement.
			if _, err := q.Events(context.Background(), "s"); err != nil {
				return err
			}
			if err := q.InsertEvent(context.Background(), db.Event{At: ta.now, Subject: "s", Kind: "k", Detail: "holding the write lock"}); err != nil {
				return err
			}
			close(holding)
			<-release
			return nil
		})
	}()
	<-holding
	var recs []*httptest.ResponseRecorder
	for range 2 { // each gives up on its own wait: the lock is held until both answered
		recs = append(recs, ta.get("/healthz"))
	}
	close(release)
	if err := <-done; err != nil {
		t.Fatal(err)
	}
	for _, rec := range recs {
		assertEqual(t, rec.Code, http.StatusOK, "status while the write lock is held")
		var h struct {
			Status   string
			Database struct{ Status, Error string }
		}
		if err := json.Unmarshal([]byte(body(t, rec)), &h); err != nil {
			t.Fatal(err)
		}
		assertEqual(t, h.Status+"/"+h.Database.Status+"/"+h.Database.Error, "degraded/error/busy", "health while the write lock is held")
	}
	assertEqual(t, strings.Count(logs.String(), "level=WARN"), 1, "WARN lines for two busy probes:\n"+logs.String())
	if !strings.Contains(logs.String(), "check=database status=busy") {
		t.Fatalf("no WARN line saying the database is busy:\n%s", logs.String())
	}
	assertEqual(t, ta.get("/healthz").Code, http.StatusOK, "status after the lock is released")
	if !strings.Contains(logs.String(), `msg="health check recovered" check=database was=busy`) {
		t.Fatalf("no line saying the database recovered:\n%s", logs.String())
	}
}

// An instance whose own write connection (SQLite) or own transaction
// holding the write lock (PostgreSQL) is held past db's bound — here 0:
// seen by two probes in a row — is wedged, not busy: /healthz answers
// 503 "unavailable" with the database's word "stuck", so that the load
// balancer takes this instance out (the others, whose probes find the
// lock held elsewhere, stay in: db's TestCheckWriteTellsItsOwnStuckHoldFromAnothersLock),
// logs it at WARN once, and recovers when the hold ends.
func TestHealthzTakesAnInstanceWithAStuckWriterOut(t *testing.T) {
	ta := newTestApp(t)
	var logs bytes.Buffer
	ta.Log = slog.New(slog.NewTextHandler(&logs, nil))
	ta.DB.WriteStuckAfter(0)
	assertEqual(t, ta.get("/healthz").Code, http.StatusOK, "status before")

	holding, release, done := make(chan struct{}), make(chan struct{}), make(chan error, 1)
	go func() {
		done <- ta.DB.Tx(context.Background(), func(q *db.Queries) error {
			if _, err := q.Events(context.Background(), "s"); err != nil { // the lock is the transaction's
				return err
			}
			close(holding)
			<-release
			return nil
		})
	}()
	<-holding
	ta.get("/healthz") // on SQLite the first probe to see the hold: busy
	var recs []*httptest.ResponseRecorder
	for range 2 {
		recs = append(recs, ta.get("/healthz"))
	}
	close(release)
	if err := <-done; err != nil {
		t.Fatal(err)
	}
	for _, rec := range recs {
		assertEqual(t, rec.Code, http.StatusServiceUnavailable, "status with the write connection stuck")
		var h struct {
			Status   string
			Database struct{ Status, Error string }
		}
		if err := json.Unmarshal([]byte(body(t, rec)), &h); err != nil {
			t.Fatal(err)
		}
		assertEqual(t, h.Status+"/"+h.Database.Status+"/"+h.Database.Error, "unavailable/error/stuck", "health with the write connection stuck")
	}
	assertEqual(t, strings.Count(logs.String(), "check=database status=stuck"), 1, "WARN lines saying stuck for two probes:\n"+logs.String())
	if !strings.Contains(logs.String(), "level=WARN msg=\"health check failed\" check=database status=stuck") {
		t.Fatalf("no WARN line saying the write connection is stuck:\n%s", logs.String())
	}
	assertEqual(t, ta.get("/healthz").Code, http.StatusOK, "status after the hold ended")
	if !strings.Contains(logs.String(), `msg="health check recovered" check=database was=stuck`) {
		t.Fatalf("no line saying the database recovered:\n%s", logs.String())
	}
}
