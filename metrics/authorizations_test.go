package metrics

import (
	"context"
	"errors"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"
)

// The authorizations about to expire are read at scrape time: how many
// expire within the window, and the seconds until the soonest (the
// window's length when none does, so that an alert on "under so many
// seconds" stays quiet); a failing read drops them from that scrape
// only.
func TestAuthorizationsExpiringAtScrapeTime(t *testing.T) {
	now := time.Date(2026, 11, 30, 12, 0, 0, 0, time.UTC)
	count, soonest := 3, now.Add(90*time.Minute)
	var fail error
	m := New(Config{Now: func() time.Time { return now }, ExpiringWithin: 24 * time.Hour,
		Expiring: func(context.Context) (int, time.Time, error) { return count, soonest, fail }})
	srv := httptest.NewServer(m.Handler())
	defer srv.Close()

	for _, tc := range []struct {
		count   int
		soonest time.Time
		want    []string
	}{
		{3, now.Add(90 * time.Minute), []string{"checkout_authorizations_expiring 3", "checkout_authorizations_expiring_soonest_seconds 5400"}},
		{0, time.Time{}, []string{"checkout_authorizations_expiring 0", "checkout_authorizations_expiring_soonest_seconds 86400"}},
		{1, now.Add(-time.Second), []string{"checkout_authorizations_expiring 1", "checkout_authorizations_expiring_soonest_seconds 0"}},
	} {
		count, soonest = tc.count, tc.soonest
		body := get(t, srv.URL+"/metrics", http.StatusOK)
		for _, line := range tc.want {
			if !strings.Contains(body, line+"\n") {
				t.Errorf("no %q in the scrape", line)
			}
		}
	}

	fail = errors.New("db: database is locked")
	body := get(t, srv.URL+"/metrics", http.StatusOK)
	if strings.Contains(body, "checkout_authorizations_expiring ") || !strings.Contains(body, "go_goroutines") {
		t.Fatalf("scrape with a failing read:\n%s", body)
	}
}
