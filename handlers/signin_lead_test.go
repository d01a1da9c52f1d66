package handlers

import (
	"net/http"
	"net/url"
	"strings"
	"testing"

	"antom-checkout/lang"
)

// A signed-out visitor sent to sign in from an order's page reads why, in
// their language, above the form — the same line for an account's order,
// another browser's guest order and an unknown ref, so it tells nobody
// which refs exist; it stays when a sign-in is refused. Any other return
// address (My wallets, My orders) gets no such line, and sign-up none.
func TestSignInFromAnOrderSaysWhy(t *testing.T) {
	ta := newTestApp(t)
	owner := ta.client(t)
	owner.signUp("owner@example.com")
	accountRef := owner.buy("coffee", "1")
	guestRef := ta.client(t).buy("coffee", "1")
	unknownRef := accountRef[:len(accountRef)-10] + "0000000000"

	anon := ta.client(t)
	for _, l := range lang.Languages {
		want := lang.For(l).T("auth.signin_order")
		for _, page := range []string{"/orders/REF", "/checkout/REF", "/orders/REF/return"} {
			// The way there: the order's page sends to sign in.
			var bodies []string
			for _, ref := range []string{accountRef, guestRef, unknownRef} {
				path := strings.ReplaceAll(page, "REF", ref)
				p, _ := anon.getIn(path, l.Code)
				if p.status != http.StatusSeeOther {
					t.Fatalf("%s GET %s: %d", l.Code, path, p.status)
				}
				p, _ = anon.getIn(p.location, l.Code)
				assertEqual(t, p.status, http.StatusOK, l.Code+" sign-in from "+path)
				assertEqual(t, textOf(t, html(t, p.body), "signin-lead"), want, l.Code+" sign-in lead from "+path)
				bodies = append(bodies, strings.ReplaceAll(p.body, url.QueryEscape(ref), "REF"))
				bodies[len(bodies)-1] = strings.ReplaceAll(bodies[len(bodies)-1], ref, "REF")
			}
			if bodies[0] != bodies[1] || bodies[0] != bodies[2] {
				t.Errorf("%s %s: the sign-in pages differ by ref", l.Code, page)
			}
		}
	}
	for _, next := range []string{"/wallets", "/orders", "/", "/orders/"} {
		if p := anon.get("/signin?next=" + url.QueryEscape(next)); strings.Contains(p.body, "signin-lead") {
			t.Errorf("sign-in back to %s says it is for an order", next)
		}
	}
	if p := anon.get("/signup?next=" + url.QueryEscape("/orders/"+accountRef)); strings.Contains(p.body, "signin-lead") {
		t.Error("sign-up says sign in to see the order")
	}
	p := anon.post("/signin", url.Values{"email": {"owner@example.com"}, "password": {"wrong-password"}, "next": {"/checkout/" + accountRef}})
	assertEqual(t, p.status, http.StatusUnprocessableEntity, "wrong password")
	assertContains(t, p.body, `data-testid="signin-lead">Sign in to see this order.<`, `data-testid="form-error"`)
}
