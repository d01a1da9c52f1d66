package handlers

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"log/slog"
	"net"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"antom-checkout/db"
)

// The public /healthz says one fixed word of a failed check; what the
// error said (the DNS resolver's address, the database's user, name,
// host and port) is logged at WARN once per change of state.
func TestHealthzTellsAWordAndLogsTheDetailOnce(t *testing.T) {
	ta := newTestApp(t)
	var logs bytes.Buffer
	ta.Log = slog.New(slog.NewTextHandler(&logs, nil))
	dns := &net.DNSError{Err: "no such host", Name: "open-sea-global.alipay.com", Server: "10.0.0.53:53"}
	ta.gateway = fmt.Errorf("antom: gateway unreachable: %w", &url.Error{Op: "Head", URL: "https://open-sea-global.alipay.com/", Err: &net.OpError{Op: "dial", Net: "tcp", Err: dns}})

	for range 3 {
		rec := ta.get("/healthz")
		assertEqual(t, rec.Code, http.StatusOK, "status")
		text := body(t, rec)
		if strings.Contains(text, "10.0.0.53") || strings.Contains(text, "no such host") || strings.Contains(text, testGatewayURL) {
			t.Fatalf("/healthz tells the error's text: %s", text)
		}
		var h struct {
			Gateway struct{ Status, Error string }
		}
		if err := json.Unmarshal([]byte(text), &h); err != nil {
			t.Fatal(err)
		}
		assertEqual(t, h.Gateway.Status+"/"+h.Gateway.Error, "error/unreachable", "gateway")
	}
	assertEqual(t, strings.Count(logs.String(), "level=WARN"), 1, "WARN lines for three failed probes:\n"+logs.String())
	if !strings.Contains(logs.String(), "10.0.0.53") || !strings.Contains(logs.String(), "check=gateway") {
		t.Fatalf("the log lacks the detail:\n%s", logs.String())
	}

	ta.gateway = nil
	ta.get("/healthz")
	ta.get("/healthz")
	assertEqual(t, strings.Count(logs.String(), "health check recovered"), 1, "recoveries logged:\n"+logs.String())

	ta.DB.Close()
	rec := ta.get("/healthz")
	assertEqual(t, rec.Code, http.StatusServiceUnavailable, "status with the database closed")
	text := body(t, rec)
	if strings.Contains(text, "closed") {
		t.Fatalf("/healthz tells the database's error: %s", text)
	}
	var h struct {
		Database struct{ Status, Error string }
	}
	if err := json.Unmarshal([]byte(text), &h); err != nil {
		t.Fatal(err)
	}
	assertEqual(t, h.Database.Status+"/"+h.Database.Error, "error/error", "database")
}

func TestHealthWord(t *testing.T) {
	refused := &net.OpError{Op: "dial", Net: "tcp", Err: errors.New("connect: connection refused")}
	for _, c := range []struct {
		err  error
		want string
	}{
		{fmt.Errorf("failed to connect to `user=shop database=checkout`: 10.0.0.5:5432 (db.internal): dial error: %w", refused), "unreachable"},
		{fmt.Errorf("antom: gateway unreachable: %w", &net.DNSError{Err: "server misbehaving", Server: "10.0.0.53:53"}), "unreachable"},
		{fmt.Errorf("db: write probe: %w", context.DeadlineExceeded), "timeout"},
		{fmt.Errorf("db: write probe: %w: %w", db.ErrLockWait, errors.New("ERROR: canceling statement due to lock timeout (SQLSTATE 55P03)")), "busy"},
		{fmt.Errorf("db: write probe: %w: one caller has kept the write connection for 12s", db.ErrWriteStuck), "stuck"},
		{&net.DNSError{Err: "i/o timeout", IsTimeout: true}, "timeout"},
		{errors.New("sql: database is closed"), "error"},
	} {
		assertEqual(t, healthWord(c.err), c.want, c.err.Error())
	}
}
