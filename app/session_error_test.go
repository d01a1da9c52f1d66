package app

import (
	"bytes"
	"errors"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
)

// A session that cannot be written answers 500 and says so in an ERROR
// line carrying the request's id, not on the standard logger.
func TestSessionErrorIsLoggedWithTheRequestID(t *testing.T) {
	var out bytes.Buffer
	answer := sessionError(slog.New(slog.NewTextHandler(&out, nil)))
	rec := httptest.NewRecorder()
	rec.Header().Set("X-Request-Id", "req-77")
	answer(rec, httptest.NewRequest(http.MethodPost, "/checkout/ORD-1/pay", nil), errors.New("app: session changed by other requests 64 times while this one was written"))
	if rec.Code != http.StatusInternalServerError {
		t.Errorf("status %d, want 500", rec.Code)
	}
	line := out.String()
	for _, want := range []string{"level=ERROR", "msg=session", "path=/checkout/ORD-1/pay", "request_id=req-77", "changed by other requests"} {
		if !strings.Contains(line, want) {
			t.Errorf("log line %q lacks %q", line, want)
		}
	}
}
