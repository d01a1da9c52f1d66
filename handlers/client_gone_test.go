package handlers

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/gin-gonic/gin"
)

// A request whose client left (its context cancelled: a page closed
// during a long-poll) is not a server error: logged at INFO and answered
// 499, not 500. The same error with the client still there is one.
func TestClientGoneIsNoServerError(t *testing.T) {
	ta := newTestApp(t)
	var log bytes.Buffer
	ta.Log = slog.New(slog.NewTextHandler(&log, nil))
	serve := func(ctx context.Context, err error) (int, string) {
		t.Helper()
		log.Reset()
		rec := httptest.NewRecorder()
		c, _ := gin.CreateTestContext(rec)
		ctx, err2 := ta.Sessions.Load(ctx, "") // the error page reads the session, as under withSessions
		if err2 != nil {
			t.Fatal(err2)
		}
		c.Request = httptest.NewRequest(http.MethodGet, "/orders/ORD-1/status", nil).WithContext(ctx)
		ta.serverError(c, err)
		return c.Writer.Status(), log.String()
	}
	gone, cancel := context.WithCancel(context.Background())
	cancel()
	lost := fmt.Errorf("db: refunds: %w", context.Canceled)

	status, line := serve(gone, lost)
	if status != statusClientClosed || !strings.Contains(line, "level=INFO") || strings.Contains(line, "server error") {
		t.Errorf("client gone: %d, logged %q; want 499 at INFO", status, line)
	}
	status, line = serve(context.Background(), lost)
	if status != http.StatusInternalServerError || !strings.Contains(line, "level=ERROR") {
		t.Errorf("client still there: %d, logged %q; want 500 at ERROR", status, line)
	}
	status, line = serve(gone, errors.New("db: disk full"))
	if status != http.StatusInternalServerError || !strings.Contains(line, "level=ERROR") {
		t.Errorf("another error, client gone: %d, logged %q; want 500 at ERROR", status, line)
	}
}
