package bench

import (
	"context"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"testing"

	"antom-checkout/app"
)

// BenchmarkPageHandlers serves the pages BenchmarkLoadPages loads —
// the storefront for a guest without a session, and a guest's checkout
// page with the session cookie that owns the order — straight through the
// app's whole handler (sessions, middleware, queries, rendering), in
// process, without a network: allocs/op and B/op are what one page view
// costs the garbage collector. The app is assembled as the binary
// assembles it, request log line included (written to io.Discard), and
// each request's context can be cancelled, as a server's is.
func BenchmarkPageHandlers(b *testing.B) {
	forEachBackend(b, func(b *testing.B, databaseURL string) {
		vars := map[string]string{
			"ADDR":         "127.0.0.1:8080",
			"PUBLIC_URL":   "http://127.0.0.1:8080",
			"DATA_DIR":     b.TempDir(),
			"SANDBOX_ADDR": "127.0.0.1:8081",
			"DATABASE_URL": databaseURL,
		}
		cfg, err := app.Load(func(k string) string { return vars[k] })
		if err != nil {
			b.Fatal(err)
		}
		a, err := app.New(context.Background(), cfg, slog.New(slog.NewTextHandler(io.Discard, nil)))
		if err != nil {
			b.Fatal(err)
		}
		b.Cleanup(func() { a.Close() })
		h := a.Handler()

		order := httptest.NewRequest(http.MethodPost, "/orders",
			strings.NewReader(url.Values{"product": {"notebook"}, "quantity": {"1"}}.Encode()))
		order.Header.Set("Content-Type", "application/x-www-form-urlencoded")
		rec := httptest.NewRecorder()
		h.ServeHTTP(rec, order)
		checkoutPath := rec.Header().Get("Location")
		if rec.Code != http.StatusSeeOther || !strings.HasPrefix(checkoutPath, "/checkout/") {
			b.Fatalf("guest order: %d %s", rec.Code, checkoutPath)
		}
		var cookie *http.Cookie
		for _, c := range rec.Result().Cookies() {
			if c.Name == "checkout_session" {
				cookie = c
			}
		}
		if cookie == nil {
			b.Fatal("the guest's order set no session cookie")
		}

		pages := []struct {
			name, path string
			cookie     *http.Cookie
		}{{"storefront", "/", nil}, {"checkout", checkoutPath, cookie}}
		for _, p := range pages {
			b.Run(p.name, func(b *testing.B) {
				b.ReportAllocs()
				for b.Loop() {
					// A request's context can be cancelled, as net/http's is.
					ctx, cancel := context.WithCancel(context.Background())
					req := httptest.NewRequestWithContext(ctx, http.MethodGet, p.path, nil)
					if p.cookie != nil {
						req.AddCookie(p.cookie)
					}
					rec := httptest.NewRecorder()
					h.ServeHTTP(rec, req)
					cancel()
					if rec.Code != http.StatusOK {
						b.Fatalf("GET %s: %d", p.path, rec.Code)
					}
				}
			})
		}
	})
}
