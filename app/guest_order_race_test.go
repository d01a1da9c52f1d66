package app

import (
	"context"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/alexedwards/scs/v2"

	"antom-checkout/db"
	"antom-checkout/db/dbtest"
)

// pauseKey marks the request whose session load pauses (pausingStore).
type pauseKey struct{}

// pausingStore is a session store that, for the request marked pauseKey,
// says it has loaded the session (loaded) and waits for resume before
// the request goes on.
type pausingStore struct {
	sessionStore
	loaded, resume chan struct{}
}

func (p pausingStore) FindCtx(ctx context.Context, token string) ([]byte, bool, error) {
	b, found, err := p.sessionStore.(scs.CtxStore).FindCtx(ctx, token)
	if ctx.Value(pauseKey{}) != nil {
		p.loaded <- struct{}{}
		<-p.resume
	}
	return b, found, err
}

func (p pausingStore) CommitCtx(ctx context.Context, token string, b []byte, expiry time.Time) error {
	return p.sessionStore.(scs.CtxStore).CommitCtx(ctx, token, b, expiry)
}

func (p pausingStore) DeleteCtx(ctx context.Context, token string) error {
	return p.sessionStore.(scs.CtxStore).DeleteCtx(ctx, token)
}

// A guest order sent in one tab as the same browser signs in in another:
// the order's request loaded the session before the sign-in renewed its
// token, and commits after. On either backend, with each of two instances
// serving one tab, the signed-in browser sees the order on its checkout
// page, its result page and My orders, and it ends up the buyer's; the
// order's response sets no session cookie (the browser already had its
// guest key), which would have sent the browser back to the old token.
func TestGuestOrderWhileSigningInIsTheBuyers(t *testing.T) {
	dbtest.ForEachBackend(t, func(t *testing.T, d *db.DB) {
		cfg, err := load(realEnv(t))
		check(t, err)
		instance := func() *App {
			a := &App{cfg: cfg, log: slog.New(slog.DiscardHandler), db: d}
			check(t, a.wire())
			t.Cleanup(a.store.StopCleanup)
			return a
		}
		orders, signin := instance(), instance()
		paused := pausingStore{sessionStore: orders.store, loaded: make(chan struct{}), resume: make(chan struct{})}
		orders.sessions.Store = hashTokens(newTouchThrottle(paused))
		ctx := context.Background()
		if _, err := orders.checkout.SignUp(ctx, "ann@example.com", "correct horse battery", "192.0.2.1"); err != nil {
			t.Fatal(err)
		}
		buyer, err := d.BuyerByEmail(ctx, "ann@example.com")
		check(t, err)

		send := func(a *App, ctx context.Context, method, path, cookie string, form url.Values) *http.Response {
			t.Helper()
			var req *http.Request
			if form != nil {
				req = httptest.NewRequestWithContext(ctx, method, path, strings.NewReader(form.Encode()))
				req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
			} else {
				req = httptest.NewRequestWithContext(ctx, method, path, nil)
			}
			if cookie != "" {
				req.AddCookie(&http.Cookie{Name: "checkout_session", Value: cookie})
			}
			rec := httptest.NewRecorder()
			a.Handler().ServeHTTP(rec, req)
			return rec.Result()
		}
		sessionSet := func(resp *http.Response) string {
			for _, c := range resp.Cookies() {
				if c.Name == "checkout_session" {
					return c.Value
				}
			}
			return ""
		}
		order := url.Values{"product": {"coffee"}, "quantity": {"1"}}

		// The browser's first order, as a guest.
		resp := send(orders, ctx, http.MethodPost, "/orders", "", order)
		first, old := strings.TrimPrefix(resp.Header.Get("Location"), "/checkout/"), sessionSet(resp)
		if resp.StatusCode != http.StatusSeeOther || first == "" || old == "" {
			t.Fatalf("first order: %d %q, session cookie %t", resp.StatusCode, first, old != "")
		}

		// Its second loads the session, then waits while another tab signs in.
		done := make(chan *http.Response)
		go func() {
			done <- send(orders, context.WithValue(ctx, pauseKey{}, true), http.MethodPost, "/orders", old, order)
		}()
		<-paused.loaded
		resp = send(signin, ctx, http.MethodPost, "/signin", old,
			url.Values{"email": {"ann@example.com"}, "password": {"correct horse battery"}, "next": {"/orders"}})
		signedIn := sessionSet(resp)
		if resp.StatusCode != http.StatusSeeOther || signedIn == "" || signedIn == old {
			t.Fatalf("sign in: %d, a new session cookie %t", resp.StatusCode, signedIn != "" && signedIn != old)
		}
		close(paused.resume)
		resp = <-done
		second := strings.TrimPrefix(resp.Header.Get("Location"), "/checkout/")
		if resp.StatusCode != http.StatusSeeOther || second == "" {
			t.Fatalf("second order: %d %q", resp.StatusCode, second)
		}
		if sessionSet(resp) != "" {
			t.Fatal("the order made as the browser signed in set a session cookie")
		}

		for _, a := range []*App{signin, orders} {
			for _, path := range []string{"/checkout/" + second, "/orders/" + second, "/orders/" + first} {
				if resp := send(a, ctx, http.MethodGet, path, signedIn, nil); resp.StatusCode != http.StatusOK {
					t.Fatalf("signed in, GET %s: %d %q", path, resp.StatusCode, resp.Header.Get("Location"))
				}
			}
		}
		resp = send(signin, ctx, http.MethodGet, "/orders", signedIn, nil)
		body, err := io.ReadAll(resp.Body)
		check(t, err)
		if !strings.Contains(string(body), second) || !strings.Contains(string(body), first) {
			t.Fatal("My orders leaves out an order of the browser's")
		}
		for _, ref := range []string{first, second} {
			o, err := d.OrderByRef(ctx, ref)
			check(t, err)
			if o.BuyerID != buyer.ID {
				t.Fatalf("order %s belongs to %d, not the buyer who signed in (%d)", ref, o.BuyerID, buyer.ID)
			}
		}
	})
}
