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
// page with the session cookie that owns the order — and a signed-in
// buyer's checkout page (checkout-signed-in) straight through the
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

		// A guest's order, and a signed-in buyer's.
		guest, guestCheckout := orderFrom(b, h, nil)
		buyer := send(b, h, http.MethodPost, "/signup", url.Values{"email": {"bench-pages@example.com"}, "password": {"correct horse battery"}}, nil)
		if buyer.Code != http.StatusSeeOther {
			b.Fatalf("sign-up: %d", buyer.Code)
		}
		buyerCookie := sessionCookie(b, buyer)
		_, buyerCheckout := orderFrom(b, h, buyerCookie)

		pages := []struct {
			name, path string
			cookie     *http.Cookie
		}{{"storefront", "/", nil}, {"checkout", guestCheckout, guest}, {"checkout-signed-in", buyerCheckout, buyerCookie}}
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

// send serves one request of method to path with form (if not nil) and
// cookie (if not nil) through h.
func send(b *testing.B, h http.Handler, method, path string, form url.Values, cookie *http.Cookie) *httptest.ResponseRecorder {
	b.Helper()
	req := httptest.NewRequest(method, path, strings.NewReader(form.Encode()))
	if form != nil {
		req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	}
	if cookie != nil {
		req.AddCookie(cookie)
	}
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, req)
	return rec
}

// orderFrom orders a notebook with cookie's session (nil: a new guest's),
// and returns the session's cookie and the order's checkout page.
func orderFrom(b *testing.B, h http.Handler, cookie *http.Cookie) (*http.Cookie, string) {
	b.Helper()
	rec := send(b, h, http.MethodPost, "/orders", url.Values{"product": {"notebook"}, "quantity": {"1"}}, cookie)
	checkoutPath := rec.Header().Get("Location")
	if rec.Code != http.StatusSeeOther || !strings.HasPrefix(checkoutPath, "/checkout/") {
		b.Fatalf("order: %d %s", rec.Code, checkoutPath)
	}
	if cookie == nil {
		cookie = sessionCookie(b, rec)
	}
	return cookie, checkoutPath
}

// sessionCookie is the session cookie rec sets.
func sessionCookie(b *testing.B, rec *httptest.ResponseRecorder) *http.Cookie {
	b.Helper()
	for _, c := range rec.Result().Cookies() {
		if c.Name == "checkout_session" {
			return c
		}
	}
	b.Fatal("no session cookie set")
	return nil
}
