package app

import (
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"testing"
	"time"

	"github.com/alexedwards/scs/v2"
)

// countingCodec counts the sessions it encodes.
type countingCodec struct {
	sessionCodec
	encodes *int
}

func (c countingCodec) Encode(deadline time.Time, values map[string]any) ([]byte, error) {
	*c.encodes++
	return c.sessionCodec.Encode(deadline, values)
}

// loadAndSave answers as scs's LoadAndSave does — the same cookie and
// headers, every change stored — but a session the request left as it
// was loaded, which this process wrote less than a minute ago, is neither
// encoded nor written; one this process did not write (another instance,
// a restart) is, and so is every change: a value put, a list changed in
// place, a renewed token, a destroyed session.
func TestLoadAndSaveLeavesOutUnchangedSessions(t *testing.T) {
	inner := &countingStore{data: map[string][]byte{}}
	public := &url.URL{Scheme: "http", Host: "localhost"}
	sm := newSessions(inner, public)
	var encodes int
	sm.Codec = countingCodec{encodes: &encodes}
	type step func(sm *scs.SessionManager, r *http.Request)
	serve := func(sm *scs.SessionManager, mw func(http.Handler) http.Handler, cookie *http.Cookie, do step) *http.Response {
		t.Helper()
		req := httptest.NewRequest(http.MethodGet, "/", nil)
		if cookie != nil {
			req.AddCookie(cookie)
		}
		rec := httptest.NewRecorder()
		mw(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			if do != nil {
				do(sm, r)
			}
			io.WriteString(w, "page")
		})).ServeHTTP(rec, req)
		if rec.Body.String() != "page" {
			t.Fatalf("body %q", rec.Body.String())
		}
		return rec.Result()
	}
	cookieOf := func(resp *http.Response) *http.Cookie {
		t.Helper()
		for _, c := range resp.Cookies() {
			if c.Name == sm.Cookie.Name {
				return c
			}
		}
		t.Fatal("no session cookie")
		return nil
	}
	want := func(commits, encodesWanted int, what string) {
		t.Helper()
		if inner.commits != commits || encodes != encodesWanted {
			t.Fatalf("%s: %d writes and %d encodes, want %d and %d", what, inner.commits, encodes, commits, encodesWanted)
		}
	}
	// The same answer as scs's: headers, and the cookie but for its
	// expiry (each works out its own now).
	same := func(ours, theirs *http.Response, what string) {
		t.Helper()
		for _, h := range []string{"Vary", "Cache-Control"} {
			if ours.Header.Get(h) != theirs.Header.Get(h) {
				t.Errorf("%s: %s %q, scs's %q", what, h, ours.Header.Get(h), theirs.Header.Get(h))
			}
		}
		a, b := *cookieOf(ours), *cookieOf(theirs)
		if d := a.Expires.Sub(b.Expires); d < -2*time.Second || d > 2*time.Second || a.MaxAge-b.MaxAge > 2 || b.MaxAge-a.MaxAge > 2 {
			t.Errorf("%s: expires %v (max-age %d), scs's %v (%d)", what, a.Expires, a.MaxAge, b.Expires, b.MaxAge)
		}
		a.Expires, b.Expires, a.MaxAge, b.MaxAge, a.Raw, b.Raw = time.Time{}, time.Time{}, 0, 0, "", ""
		if a.String() != b.String() {
			t.Errorf("%s: cookie %s, scs's %s", what, a.String(), b.String())
		}
	}
	ours := loadAndSave(sm)
	put := func(k string, v any) step {
		return func(sm *scs.SessionManager, r *http.Request) { sm.Put(r.Context(), k, v) }
	}

	resp := serve(sm, ours, nil, put("guest_orders", []string{"ORD-1"}))
	want(1, 1, "a new session")
	cookie := cookieOf(resp)

	resp = serve(sm, ours, cookie, nil)
	want(1, 1, "unchanged, written a moment ago")
	same(resp, serve(sm, sm.LoadAndSave, cookie, nil), "unchanged")
	want(1, 2, "scs's encodes it, the throttle leaves the write out")
	if cookieOf(resp).Value != cookie.Value || cookieOf(resp).MaxAge < int(sm.IdleTimeout.Seconds())-2 {
		t.Fatalf("unchanged: cookie %+v", cookieOf(resp))
	}

	serve(sm, ours, cookie, put("flash", "checkout.paid"))
	want(2, 3, "a value put")
	serve(sm, ours, cookie, func(sm *scs.SessionManager, r *http.Request) { sm.PopString(r.Context(), "flash") })
	want(3, 4, "a value popped")
	serve(sm, ours, cookie, func(sm *scs.SessionManager, r *http.Request) {
		sm.Get(r.Context(), "guest_orders").([]string)[0] = "ORD-2"
	})
	want(4, 5, "a list changed in place")
	if _, values, err := (sessionCodec{}).Decode(inner.data[storedToken(cookie.Value)]); err != nil || values["guest_orders"].([]string)[0] != "ORD-2" {
		t.Fatalf("stored %v %v", values, err)
	}
	serve(sm, ours, cookie, func(sm *scs.SessionManager, r *http.Request) { sm.SetDeadline(r.Context(), time.Now().Add(time.Hour)) })
	want(5, 6, "a new deadline")

	// Another process (or this one restarted) remembers no write of its
	// own: it writes once, then leaves the rest out.
	other := newSessions(inner, public)
	other.Codec = countingCodec{encodes: &encodes}
	serve(other, loadAndSave(other), cookie, nil)
	want(6, 7, "unchanged, written by another process")
	serve(other, loadAndSave(other), cookie, nil)
	want(6, 7, "unchanged, written by this one a moment ago")

	resp = serve(sm, ours, cookie, func(sm *scs.SessionManager, r *http.Request) { check(t, sm.RenewToken(r.Context())) })
	want(7, 8, "a renewed token")
	renewed := cookieOf(resp)
	if renewed.Value == cookie.Value {
		t.Fatal("the token was not renewed")
	}
	resp = serve(sm, ours, renewed, func(sm *scs.SessionManager, r *http.Request) { check(t, sm.Destroy(r.Context())) })
	if c := cookieOf(resp); c.MaxAge >= 0 || c.Value != "" || len(inner.data) != 0 {
		t.Fatalf("destroyed: cookie %+v, %d sessions stored", c, len(inner.data))
	}
	same(resp, serve(sm, sm.LoadAndSave, renewed, func(sm *scs.SessionManager, r *http.Request) { check(t, sm.Destroy(r.Context())) }), "destroyed")
}
