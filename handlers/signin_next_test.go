package handlers

import (
	"net/http"
	"net/url"
	"strings"
	"testing"
)

// postFrom posts form to path as a browser on referer would (no Referer
// header when referer is "").
func (b *browserClient) postFrom(path, referer string, form url.Values) page {
	b.t.Helper()
	req, err := http.NewRequest(http.MethodPost, b.base+path, strings.NewReader(form.Encode()))
	if err != nil {
		b.t.Fatal(err)
	}
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	if referer != "" {
		req.Header.Set("Referer", referer)
	}
	resp, err := b.http.Do(req)
	if err != nil {
		b.t.Fatal(err)
	}
	return read(b.t, resp)
}

// A signed-out buyer's form (one-click pay, linking, an unlink) is sent to
// sign in, nothing done, and brought back to the page the form was sent
// from; when the browser sent no Referer of ours, to the page the form
// lives on (routes.go's table) — one-click pay's checkout, not My
// wallets. Signing in then lands there.
func TestSignedOutFormSignsInAndComesBackToItsPage(t *testing.T) {
	ta := newTestApp(t)
	owner := ta.client(t)
	owner.signUp("owner@example.com")
	ref := owner.buy("coffee", "1")
	checkoutRef := "/checkout/" + ref

	anon := ta.client(t)
	for _, tt := range []struct {
		path, referer, next string
	}{
		{checkoutRef + "/pay", "", checkoutRef},
		{checkoutRef + "/pay", anon.base + checkoutRef, checkoutRef},
		{checkoutRef + "/pay", anon.base + "/orders", "/orders"},
		{checkoutRef + "/pay", "https://elsewhere.example", checkoutRef},
		{checkoutRef + "/pay", "%zz", checkoutRef},
		{checkoutRef + "/pay", anon.base + "//elsewhere.example/x", checkoutRef},
		{"/checkout/ORD-NOSUCH/pay", "", "/checkout/ORD-NOSUCH"},
		{"/wallets/link", "", "/wallets"},
		{"/wallets/link/7/renew", "", "/wallets/link/7"},
		{"/wallets/7/unlink", "", "/wallets"},
		{"/cards/7/remove", "", "/wallets"},
	} {
		p := anon.postFrom(tt.path, tt.referer, url.Values{"wallet": {"1"}})
		want := "/signin?next=" + url.QueryEscape(tt.next)
		if p.status != http.StatusSeeOther || !namesNotice(p.location, want) {
			t.Errorf("POST %s from %q: %d %q, want 303 %q", tt.path, tt.referer, p.status, p.location, want)
		}
	}
	// The card form is the guests' too, so it is not behind requireBuyer:
	// an order this browser may not pay by card signs in the same way.
	for _, path := range []string{checkoutRef + "/card", "/checkout/ORD-NOSUCH/card"} {
		form := strings.TrimSuffix(path, "/card")
		p := anon.postFrom(path, "", url.Values{"card": {"1"}})
		if want := "/signin?next=" + url.QueryEscape(form); p.status != http.StatusSeeOther || !namesNotice(p.location, want) {
			t.Errorf("POST %s: %d %q, want 303 %q", path, p.status, p.location, want)
		}
	}
	p := anon.post("/signin", url.Values{"email": {"owner@example.com"}, "password": {"correct horse battery"}, "next": {checkoutRef}})
	if p.status != http.StatusSeeOther || p.location != checkoutRef {
		t.Fatalf("sign in: %d %q", p.status, p.location)
	}
	if p := anon.get(checkoutRef); p.status != http.StatusOK {
		t.Fatalf("the checkout after signing in: %d %q", p.status, p.location)
	}
}

// A return address that cannot be kept (a path no browser may be sent
// back to as it is) falls back to checkout.DefaultReturn, as README says.
// (An order's page whose ref no order can have never asks for one:
// TestImpossibleRefIsNotFoundForEveryone.)
func TestBadReturnPathFallsBack(t *testing.T) {
	ta := newTestApp(t)
	anon := ta.client(t)
	p := anon.get("/signin?next=" + url.QueryEscape("//elsewhere.example/x"))
	assertContains(t, p.body, `name="next" value="/wallets"`)
	p = anon.get("/signin?next=" + url.QueryEscape("/orders/"+strings.Repeat("A", 5000)))
	assertContains(t, p.body, `name="next" value="/wallets"`)
}

// An order's address whose ref no order can have (a NUL, bytes that are
// not UTF-8, 5,000 characters) is 404 to signed-out and signed-in
// visitors alike, on every order page and form, before any sign-in
// check: it names no order, so it tells nobody which refs exist, and
// nobody is sent to sign in "to see this order" (and back to My wallets,
// the fallback of an address that cannot be kept). A possible ref that
// is nobody's ("NOPE") still signs a signed-out visitor in and back to
// its page, as an account's order does.
func TestImpossibleRefIsNotFoundForEveryone(t *testing.T) {
	ta := newTestApp(t)
	anon := ta.client(t)
	buyer := ta.client(t)
	buyer.signUp("impossible-ref@example.com")
	for _, ref := range []string{strings.Repeat("A", 5000), "%00", "%E0%A4", "%ff", "A%20B"} {
		for _, tt := range []struct{ method, path string }{
			{"GET", "/orders/REF"}, {"GET", "/checkout/REF"}, {"GET", "/orders/REF/return"}, {"GET", "/orders/REF/card-page"},
			{"GET", "/orders/REF/status"}, {"GET", "/checkout/REF/pay"}, {"GET", "/orders/REF/check"},
			{"POST", "/checkout/REF/pay"}, {"POST", "/checkout/REF/card"}, {"POST", "/orders/REF/check"}, {"POST", "/orders/REF/pay-another-way"},
		} {
			path := strings.ReplaceAll(tt.path, "REF", ref)
			for who, cl := range map[string]*browserClient{"signed out": anon, "signed in": buyer} {
				var p page
				if tt.method == "GET" {
					p = cl.get(path)
				} else {
					p = cl.postFrom(path, "", url.Values{"card": {"1"}, "wallet": {"1"}})
				}
				if p.status != http.StatusNotFound {
					t.Errorf("%s %s %.60s: %d %.80q, want 404", who, tt.method, path, p.status, p.location)
				}
			}
		}
	}
	for _, path := range []string{"/orders/NOPE", "/checkout/NOPE", "/orders/NOPE/return"} {
		if p, want := anon.get(path), "/signin?next="+url.QueryEscape(path); p.status != http.StatusSeeOther || p.location != want {
			t.Errorf("signed out GET %s: %d %q, want 303 %q", path, p.status, p.location, want)
		}
		assertEqual(t, buyer.get(path).status, http.StatusNotFound, "signed in GET "+path)
	}
}
