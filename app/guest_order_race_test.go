package app

import (
	"context"
	"fmt"
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
	if ctx.Value(pauseKey{}) == "load" {
		p.loaded <- struct{}{}
		<-p.resume
	}
	return b, found, err
}

func (p pausingStore) CommitCtx(ctx context.Context, token string, b []byte, expiry time.Time) error {
	return p.sessionStore.(scs.CtxStore).CommitCtx(ctx, token, b, expiry)
}

// DeleteCtx pauses the request marked pauseKey "renew" once its token's
// renewal has deleted the old session (or put its delete off).
func (p pausingStore) DeleteCtx(ctx context.Context, token string) error {
	err := p.sessionStore.(scs.CtxStore).DeleteCtx(ctx, token)
	if ctx.Value(pauseKey{}) == "renew" {
		p.loaded <- struct{}{}
		<-p.resume
	}
	return err
}

// racingInstances returns two instances of the app on d, as two tabs of
// one browser may meet, whose session stores pause the request marked
// pauseKey (pausingStore) on loaded until resume.
func racingInstances(t *testing.T, d *db.DB) (one, other *App, loaded, resume chan struct{}) {
	t.Helper()
	cfg, err := load(realEnv(t))
	check(t, err)
	instance := func() *App {
		a := &App{cfg: cfg, log: slog.New(slog.DiscardHandler), db: d}
		check(t, a.syncCatalog(context.Background()))
		check(t, a.wire())
		t.Cleanup(a.store.StopCleanup)
		return a
	}
	one, other = instance(), instance()
	loaded, resume = make(chan struct{}), make(chan struct{})
	for _, a := range []*App{one, other} {
		a.sessions.Store = hashTokens(newTouchThrottle(pausingStore{sessionStore: a.store, loaded: loaded, resume: resume}))
	}
	return one, other, loaded, resume
}

// send serves one request on a: a form if form is not nil, with the
// session cookie if cookie is not "".
func send(t *testing.T, a *App, ctx context.Context, method, path, cookie string, form url.Values) *http.Response {
	t.Helper()
	var cookies []*http.Cookie
	if cookie != "" {
		cookies = []*http.Cookie{{Name: "checkout_session", Value: cookie}}
	}
	return sendWith(a, ctx, method, path, cookies, form)
}

// sendWith serves one request on a, with cookies: a form if form is not
// nil.
func sendWith(a *App, ctx context.Context, method, path string, cookies []*http.Cookie, form url.Values) *http.Response {
	var req *http.Request
	if form != nil {
		req = httptest.NewRequestWithContext(ctx, method, path, strings.NewReader(form.Encode()))
		req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	} else {
		req = httptest.NewRequestWithContext(ctx, method, path, nil)
	}
	for _, c := range cookies {
		req.AddCookie(c)
	}
	rec := httptest.NewRecorder()
	a.Handler().ServeHTTP(rec, req)
	return rec.Result()
}

// sessionCookieOf is the session cookie resp sets, if any.
func sessionCookieOf(resp *http.Response) (*http.Cookie, bool) {
	for _, c := range resp.Cookies() {
		if c.Name == "checkout_session" {
			return c, true
		}
	}
	return nil, false
}

// sessionSet is the token of the session cookie resp sets; "" if none.
func sessionSet(resp *http.Response) string {
	if c, ok := sessionCookieOf(resp); ok {
		return c.Value
	}
	return ""
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
		orders, signin, loaded, resume := racingInstances(t, d)
		ctx := context.Background()
		order := url.Values{"product": {"house-blend"}, "quantity": {"1"}}

		// Two interleavings: the order loads the session, then the sign-in
		// runs whole, then the order commits; or the sign-in renews the
		// token, then the order runs whole, then the sign-in commits.
		for i, first := range []string{"order loads", "sign-in renews"} {
			email := fmt.Sprintf("ann%d@example.com", i)
			if _, err := orders.checkout.SignUp(ctx, email, "correct horse battery", "192.0.2.1"); err != nil {
				t.Fatal(err)
			}
			buyer, err := d.BuyerByEmail(ctx, email)
			check(t, err)

			// The browser's first order, as a guest.
			resp := send(t, orders, ctx, http.MethodPost, "/orders", "", order)
			firstRef, old := strings.TrimPrefix(resp.Header.Get("Location"), "/checkout/"), sessionSet(resp)
			if resp.StatusCode != http.StatusSeeOther || firstRef == "" || old == "" {
				t.Fatalf("%s: first order: %d %q, session cookie %t", first, resp.StatusCode, firstRef, old != "")
			}
			placeOrder := func(ctx context.Context) *http.Response {
				return send(t, orders, ctx, http.MethodPost, "/orders", old, order)
			}
			signIn := func(ctx context.Context) *http.Response {
				return send(t, signin, ctx, http.MethodPost, "/signin", old,
					url.Values{"email": {email}, "password": {"correct horse battery"}, "next": {"/orders"}})
			}
			var ordered, signedInResp *http.Response
			done := make(chan *http.Response)
			if first == "order loads" {
				go func() { done <- placeOrder(context.WithValue(ctx, pauseKey{}, "load")) }()
				<-loaded
				signedInResp = signIn(ctx)
				resume <- struct{}{}
				ordered = <-done
			} else {
				go func() { done <- signIn(context.WithValue(ctx, pauseKey{}, "renew")) }()
				<-loaded
				ordered = placeOrder(ctx)
				resume <- struct{}{}
				signedInResp = <-done
			}
			signedIn := sessionSet(signedInResp)
			if signedInResp.StatusCode != http.StatusSeeOther || signedIn == "" || signedIn == old {
				t.Fatalf("%s: sign in: %d, a new session cookie %t", first, signedInResp.StatusCode, signedIn != "" && signedIn != old)
			}
			second := strings.TrimPrefix(ordered.Header.Get("Location"), "/checkout/")
			if ordered.StatusCode != http.StatusSeeOther || second == "" {
				t.Fatalf("%s: second order: %d %q", first, ordered.StatusCode, second)
			}
			if sessionSet(ordered) != "" {
				t.Fatalf("%s: the order made as the browser signed in set a session cookie", first)
			}

			for _, a := range []*App{signin, orders} {
				for _, path := range []string{"/checkout/" + second, "/orders/" + second, "/orders/" + firstRef} {
					if resp := send(t, a, ctx, http.MethodGet, path, signedIn, nil); resp.StatusCode != http.StatusOK {
						t.Fatalf("%s: signed in, GET %s: %d %q", first, path, resp.StatusCode, resp.Header.Get("Location"))
					}
				}
			}
			resp = send(t, signin, ctx, http.MethodGet, "/orders", signedIn, nil)
			body, err := io.ReadAll(resp.Body)
			check(t, err)
			if !strings.Contains(string(body), second) || !strings.Contains(string(body), firstRef) {
				t.Fatalf("%s: My orders leaves out an order of the browser's", first)
			}
			for _, ref := range []string{firstRef, second} {
				o, err := d.OrderByRef(ctx, ref)
				check(t, err)
				if o.BuyerID != buyer.ID {
					t.Fatalf("%s: order %s belongs to %d, not the buyer who signed in (%d)", first, ref, o.BuyerID, buyer.ID)
				}
			}
			// The renewed token's old session is gone once the new one is
			// there: with it, a browser is a stranger to these orders.
			resp = send(t, orders, ctx, http.MethodGet, "/orders", old, nil)
			body, err = io.ReadAll(resp.Body)
			check(t, err)
			if strings.Contains(string(body), firstRef) {
				t.Fatalf("%s: the old session token still shows the browser's orders", first)
			}
		}
	})
}
