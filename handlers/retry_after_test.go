package handlers

import (
	"context"
	"net/http"
	"net/http/httptest"
	"testing"
	"time"

	"github.com/gin-gonic/gin"

	"antom-checkout/lang"
)

// retryShown is how a throttled page gives a wait that ends at retryAt,
// seen at now: the whole minute at or after retryAt, and the minutes
// until it.
func retryShown(now, retryAt time.Time) string {
	at := retryAt.Truncate(time.Minute)
	if at.Before(retryAt) {
		at = at.Add(time.Minute)
	}
	minutes := int((at.Sub(now) + time.Minute - 1) / time.Minute)
	en := lang.For(lang.English)
	return en.N("auth.throttled_when", minutes, lang.Args{"At": en.Time(at)})
}

// A wait that ends at 23:01:48 is not said "at 23:01", when asking again
// is still refused, but at 23:02, in the minutes until then.
func TestRetryWordsNameAMinuteWhenTheWaitHasEnded(t *testing.T) {
	ta := newTestApp(t)
	ta.now = time.Date(2026, 12, 6, 22, 54, 25, 0, time.UTC)
	for _, tt := range []struct {
		retryAt time.Time
		want    string
	}{
		{time.Date(2026, 12, 6, 23, 1, 48, 0, time.UTC), "in 8 minutes (at 23:02\u00a0UTC)"},
		{time.Date(2026, 12, 6, 23, 2, 0, 0, time.UTC), "in 8 minutes (at 23:02\u00a0UTC)"},
		{time.Date(2026, 12, 6, 23, 2, 0, 1, time.UTC), "in 9 minutes (at 23:03\u00a0UTC)"},
		{time.Date(2026, 12, 6, 22, 54, 30, 0, time.UTC), "in 1 minute (at 22:55\u00a0UTC)"},
	} {
		c, _ := gin.CreateTestContext(httptest.NewRecorder())
		c.Request = httptest.NewRequestWithContext(lang.WithLocalizer(context.Background(), lang.For(lang.English)), http.MethodGet, "/", nil)
		if got := ta.retryWords(c, tt.retryAt); got != tt.want {
			t.Errorf("retryAt %s: %q, want %q", tt.retryAt.Format(time.TimeOnly), got, tt.want)
		}
		if got := retryShown(ta.now, tt.retryAt); got != tt.want {
			t.Errorf("retryShown at %s: %q, want %q", tt.retryAt.Format(time.TimeOnly), got, tt.want)
		}
	}
}
