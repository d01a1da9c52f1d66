package handlers

import (
	"net/http"
	"net/url"
	"strings"
	"testing"
)

// do sends method to path with no body and returns the answer, its Allow
// header and how many body bytes came.
func (b *browserClient) do(method, path string) (page, string) {
	b.t.Helper()
	req, err := http.NewRequest(method, b.base+path, nil)
	if err != nil {
		b.t.Fatal(err)
	}
	resp, err := b.http.Do(req)
	if err != nil {
		b.t.Fatal(err)
	}
	return read(b.t, resp), resp.Header.Get("Allow")
}

// A HEAD is answered as the GET of the same address, without its body:
// the storefront is 200, an unknown path 404, a page behind sign-in its
// redirect — never 404 for a page that exists.
func TestHeadIsAnsweredAsGet(t *testing.T) {
	ta := newAdminApp(t)
	b := ta.client(t)
	for _, path := range []string{"/", "/healthz", "/signin", "/orders", "/wallets", "/admin", "/no-such-page", "/static/css/app.css"} {
		got, _ := b.do(http.MethodHead, path)
		want := b.get(path)
		if got.status != want.status || got.location != want.location {
			t.Errorf("HEAD %s: %d %q; GET: %d %q", path, got.status, got.location, want.status, want.location)
		}
		if got.body != "" {
			t.Errorf("HEAD %s came with a body of %d bytes", path, len(got.body))
		}
	}
}

// A known address asked with a method it does not take answers 405 with
// Allow, on its area's error page, and changes nothing: a form posted to
// a page that only shows, a GET of Antom's notification address.
func TestWrongMethodIs405WithAllow(t *testing.T) {
	ta := newAdminApp(t)
	buyer, staff := ta.client(t), ta.client(t)
	buyer.signUp("methods@example.com")
	staff.staffSignIn()
	orders := ta.count(t, `SELECT COUNT(*) FROM orders`)
	cases := []struct {
		who          *browserClient
		method, path string
		allow, words string
	}{
		{buyer, http.MethodPost, "/", "GET, HEAD", "cannot take that kind of request"},
		{buyer, http.MethodPost, "/wallets", "GET, HEAD", "cannot take that kind of request"},
		{buyer, http.MethodPut, "/orders", "GET, POST, HEAD", "cannot take that kind of request"},
		{staff, http.MethodPost, "/admin/orders", "GET, HEAD", "cannot take that kind of request"},
		{buyer, http.MethodGet, "/antom/notify", "POST", "cannot take that kind of request"},
	}
	for _, tc := range cases {
		var p page
		var allow string
		if tc.method == http.MethodPost {
			resp, err := tc.who.http.PostForm(tc.who.base+tc.path, url.Values{"product": {"mug"}, "quantity": {"1"}})
			if err != nil {
				t.Fatal(err)
			}
			allow = resp.Header.Get("Allow")
			p = read(t, resp)
		} else {
			p, allow = tc.who.do(tc.method, tc.path)
		}
		if p.status != http.StatusMethodNotAllowed || !sameMethods(allow, tc.allow) || !strings.Contains(p.body, tc.words) {
			t.Errorf("%s %s: %d, Allow %q; want 405, Allow %q, page saying %q", tc.method, tc.path, p.status, allow, tc.allow, tc.words)
		}
	}
	// The staff's 405 is in the staff's layout (its navigation), the
	// buyer's in the shop's.
	p, _ := staff.do(http.MethodPut, "/admin/orders")
	if !strings.Contains(p.body, `href="/admin/notifications"`) {
		t.Error("the staff's 405 page is not in the admin layout")
	}
	if got := ta.count(t, `SELECT COUNT(*) FROM orders`); got != orders {
		t.Errorf("orders: %d before, %d after the refused requests", orders, got)
	}
}

// sameMethods compares two Allow lists as sets.
func sameMethods(a, b string) bool {
	set := func(s string) map[string]bool {
		m := map[string]bool{}
		for _, x := range strings.Split(s, ",") {
			m[strings.TrimSpace(x)] = true
		}
		return m
	}
	sa, sb := set(a), set(b)
	if len(sa) != len(sb) {
		return false
	}
	for k := range sa {
		if !sb[k] {
			return false
		}
	}
	return true
}
