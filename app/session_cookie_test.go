package app

import (
	"context"
	"io"
	"net/http"
	"net/http/cookiejar"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/alexedwards/scs/v2"

	"antom-checkout/db"
	"antom-checkout/db/dbtest"
)

// A page view loads the browser's session, a sign-in in another tab
// renews its token, and then the page view answers: on either backend,
// with each of two instances serving one tab, for GET and HEAD of the
// storefront, My orders and a checkout page, the page view's response
// sets no cookie with the old token, and the browser — its cookie jar
// taking the responses in that order — is still signed in.
func TestPageViewWhileSigningInKeepsTheBrowserSignedIn(t *testing.T) {
	dbtest.ForEachBackend(t, func(t *testing.T, d *db.DB) {
		pages, signin, loaded, resume := racingInstances(t, d)
		ctx := context.Background()
		const email, password = "bea@example.com", "correct horse battery"
		if _, err := pages.checkout.SignUp(ctx, email, password, "192.0.2.1"); err != nil {
			t.Fatal(err)
		}
		site, _ := url.Parse("https://shop.example/")
		order := url.Values{"product": {"house-blend"}, "quantity": {"1"}}

		for _, view := range []struct{ method, path string }{
			{http.MethodGet, "/"}, {http.MethodHead, "/"}, {http.MethodGet, "/orders"}, {http.MethodGet, "/checkout/"},
		} {
			jar, err := cookiejar.New(nil)
			check(t, err)
			// A browser's session: its first order, as a guest, made on the
			// sign-in's instance (the page view's has never written it, so
			// its view would move the session's expiry).
			resp := send(t, signin, ctx, http.MethodPost, "/orders", "", order)
			old := sessionSet(resp)
			if resp.StatusCode != http.StatusSeeOther || old == "" {
				t.Fatalf("first order: %d, session cookie %t", resp.StatusCode, old != "")
			}
			jar.SetCookies(site, resp.Cookies())
			path := view.path
			if path == "/checkout/" {
				path += resp.Header.Get("Location")[len("/checkout/"):]
			}

			done := make(chan *http.Response)
			go func() {
				done <- send(t, pages, context.WithValue(ctx, pauseKey{}, "load"), view.method, path, old, nil)
			}()
			<-loaded
			signedIn := send(t, signin, ctx, http.MethodPost, "/signin", old,
				url.Values{"email": {email}, "password": {password}, "next": {"/orders"}})
			if token := sessionSet(signedIn); signedIn.StatusCode != http.StatusSeeOther || token == "" || token == old {
				t.Fatalf("%s %s: sign in: %d, a new session cookie %t", view.method, path, signedIn.StatusCode, token != "" && token != old)
			}
			jar.SetCookies(site, signedIn.Cookies())
			resume <- struct{}{}
			viewed := <-done
			jar.SetCookies(site, viewed.Cookies())

			if viewed.StatusCode != http.StatusOK {
				t.Fatalf("%s %s: %d", view.method, path, viewed.StatusCode)
			}
			if sessionSet(viewed) == old {
				t.Fatalf("%s %s, answered after a sign-in in another tab, set the old session token's cookie", view.method, path)
			}
			var held string
			for _, c := range jar.Cookies(site) {
				if c.Name == "checkout_session" {
					held = c.Value
				}
			}
			if resp := send(t, pages, ctx, http.MethodGet, "/wallets", held, nil); resp.StatusCode != http.StatusOK {
				t.Fatalf("%s %s: the browser is no longer signed in: GET /wallets %d %q", view.method, path, resp.StatusCode, resp.Header.Get("Location"))
			}
		}
	})
}

// A page view sets the session cookie only when it moved the session's
// expiry: not on the instance that wrote the session less than a minute
// ago; once the session was last written an hour ago, on the instance
// that then writes its new expiry (and the cookie's with it, Max-Age a
// day), then not again there. A sign-in's renewed token and a sign-out's
// expiring cookie are always sent.
func TestPageViewSetsTheSessionCookieOnlyWhenItMovesTheExpiry(t *testing.T) {
	dbtest.ForEachBackend(t, func(t *testing.T, d *db.DB) {
		one, other, _, _ := racingInstances(t, d)
		ctx := context.Background()
		const email, password = "cy@example.com", "correct horse battery"
		if _, err := one.checkout.SignUp(ctx, email, password, "192.0.2.1"); err != nil {
			t.Fatal(err)
		}
		resp := send(t, one, ctx, http.MethodPost, "/orders", "", url.Values{"product": {"house-blend"}, "quantity": {"1"}})
		token, ref := sessionSet(resp), strings.TrimPrefix(resp.Header.Get("Location"), "/checkout/")
		if token == "" || ref == "" {
			t.Fatalf("a first guest order: %d, session cookie %t", resp.StatusCode, token != "")
		}
		view := func(a *App, token string) (set bool, c http.Cookie) {
			t.Helper()
			resp := send(t, a, ctx, http.MethodGet, "/orders", token, nil)
			body, err := io.ReadAll(resp.Body)
			check(t, err)
			if resp.StatusCode != http.StatusOK || !strings.Contains(string(body), ref) {
				t.Fatalf("GET /orders: %d, the browser's order shown %t", resp.StatusCode, strings.Contains(string(body), ref))
			}
			if c, ok := sessionCookieOf(resp); ok {
				return true, *c
			}
			return false, http.Cookie{}
		}
		if set, c := view(one, token); set {
			t.Fatalf("a view of a session this instance wrote less than a minute ago set its cookie (max-age %d)", c.MaxAge)
		}
		// A redirect that sets another cookie (the language's) keeps it.
		resp = send(t, one, ctx, http.MethodPost, "/lang", token, url.Values{"lang": {"ms"}, "next": {"/orders"}})
		if _, set := sessionCookieOf(resp); set || resp.StatusCode != http.StatusSeeOther || len(resp.Cookies()) != 1 {
			t.Fatalf("a language chosen: %d, %d cookies, the session's among them %t", resp.StatusCode, len(resp.Cookies()), set)
		}

		// The session as last written an hour ago, by the other instance.
		store := other.sessions.Store.(scs.CtxStore)
		b, found, err := store.FindCtx(ctx, token)
		if err != nil || !found {
			t.Fatalf("the browser's session: found %t, %v", found, err)
		}
		check(t, store.CommitCtx(ctx, token, b, time.Now().Add(23*time.Hour)))
		set, c := view(other, token)
		if !set || c.Value != token || c.MaxAge < int((24*time.Hour-time.Minute).Seconds()) {
			t.Fatalf("a view that moved the session's expiry: a session cookie %t, its token %t, max-age %d", set, c.Value == token, c.MaxAge)
		}
		if set, _ := view(other, token); set {
			t.Fatal("a second view on the instance that just moved the expiry set the cookie again")
		}

		resp = send(t, other, ctx, http.MethodPost, "/signin", token, url.Values{"email": {email}, "password": {password}, "next": {"/orders"}})
		signedIn := sessionSet(resp)
		if signedIn == "" || signedIn == token {
			t.Fatalf("a sign-in set session cookie %t, renewed %t", signedIn != "", signedIn != token)
		}
		if set, _ := view(other, signedIn); set {
			t.Fatal("a view just after signing in set the cookie again")
		}
		resp = send(t, one, ctx, http.MethodPost, "/signout", signedIn, url.Values{})
		if c, ok := sessionCookieOf(resp); !ok || c.MaxAge >= 0 || c.Value != "" {
			t.Fatalf("a sign-out: session cookie %t, want an empty one that expires", ok)
		}
	})
}

// A session changed by a request while another tab signed out (deleted
// it) or signed in (renewed its token) is not written back under the
// token the request read — which would sign the browser back in, or out
// — and its response sets no session cookie; on either backend.
func TestSessionGoneMeanwhileIsNotWrittenBack(t *testing.T) {
	dbtest.ForEachBackend(t, func(t *testing.T, d *db.DB) {
		tab1, tab2 := twoTabs(t, d)

		for _, meanwhile := range []string{"sign-out", "sign-in"} {
			ctx, err := tab1.Load(context.Background(), "")
			check(t, err)
			tab1.Put(ctx, "buyer_id", int64(7))
			token, _, err := tab1.Commit(ctx)
			check(t, err)

			a, err := tab1.Load(db.WithSessionRead(context.Background()), token)
			check(t, err)
			tab1.Put(a, "flash", "Captured.")
			b, err := tab2.Load(db.WithSessionRead(context.Background()), token)
			check(t, err)
			if meanwhile == "sign-out" {
				check(t, tab2.Destroy(b))
			} else {
				check(t, tab2.RenewToken(db.WithSessionRenewal(b)))
				_, _, err := tab2.Commit(b)
				check(t, err)
			}
			if _, _, err := tab1.Commit(a); err != nil {
				t.Fatal(err)
			}
			if _, found, err := d.FindSession(context.Background(), storedToken(token)); err != nil || found {
				t.Fatalf("after a %s in another tab, a change wrote the old token's session back (%v)", meanwhile, err)
			}
			if !db.SessionCookieQuiet(a) {
				t.Fatalf("after a %s in another tab, a change's response would set the old token's cookie", meanwhile)
			}
		}
	})
}
