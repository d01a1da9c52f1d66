package handlers

import (
	"context"
	"net/http"
	"net/url"
	"testing"
)

// TestSignedOutOwnerSignsInForOrder: a signed-out visitor on an
// account's order page — its result page, its card return or its checkout
// (the owner after signing out, or back from Antom's card page in another
// browser) — is sent to sign in and brought back to it; the
// card page's return still counts once they have. So is a signed-out
// visitor on any other ref (another browser's guest order, an unknown
// one): the answer does not tell which refs exist. Another buyer, and the
// owner once signed in on a ref not theirs, get 404.
func TestSignedOutOwnerSignsInForOrder(t *testing.T) {
	ta := newAdminApp(t)
	ctx := context.Background()
	owner := ta.client(t)
	owner.signUp("owner@example.com")
	ref := owner.buy("coffee", "1")
	ta.withCardPage(t, ref)
	o := ta.order(t, ref)

	anon := ta.client(t)
	for _, path := range []string{"/orders/" + ref, "/orders/" + ref + "/return", "/checkout/" + ref} {
		if p := anon.get(path); p.status != http.StatusSeeOther || p.location != "/signin?next="+url.QueryEscape(path) {
			t.Fatalf("signed out, GET %s: %d %q", path, p.status, p.location)
		}
	}
	if a, err := ta.DB.OpenAttempt(ctx, o.ID); err != nil || !a.ReturnedAt.IsZero() {
		t.Fatalf("a signed-out return counted: %v %v", a.ReturnedAt, err)
	}

	other := ta.client(t)
	other.signUp("other@example.com")
	for _, path := range []string{"/orders/" + ref, "/orders/" + ref + "/return", "/checkout/" + ref} {
		if p := other.get(path); p.status != http.StatusNotFound {
			t.Errorf("another buyer, GET %s: %d %q", path, p.status, p.location)
		}
	}
	// A guest order this browser did not make, and a ref that does not
	// exist, answer the same: the redirect tells a stranger nothing.
	guestRef := ta.client(t).buy("coffee", "1")
	for _, path := range []string{"/orders/" + guestRef, "/orders/" + guestRef + "/return", "/checkout/" + guestRef, "/orders/ORD-NOSUCH", "/orders/ORD-NOSUCH/return", "/checkout/ORD-NOSUCH"} {
		if p := anon.get(path); p.status != http.StatusSeeOther || p.location != "/signin?next="+url.QueryEscape(path) {
			t.Errorf("signed out, GET %s: %d %q", path, p.status, p.location)
		}
	}

	// The owner signs in in the other browser and lands on the return,
	// which counts, then on the result page.
	next := "/orders/" + ref + "/return"
	p := anon.post("/signin", url.Values{"email": {"owner@example.com"}, "password": {"correct horse battery"}, "next": {next}})
	if p.status != http.StatusSeeOther || p.location != next {
		t.Fatalf("sign in: %d %q", p.status, p.location)
	}
	if p := anon.get(next); p.status != http.StatusSeeOther || p.location != "/orders/"+ref {
		t.Fatalf("return after signing in: %d %q", p.status, p.location)
	}
	if a, err := ta.DB.OpenAttempt(ctx, o.ID); err != nil || a.ReturnedAt.IsZero() {
		t.Fatalf("the return was lost: %v %v", a.ReturnedAt, err)
	}
	if p := anon.get("/orders/" + ref); p.status != http.StatusOK {
		t.Fatalf("result page: %d %q", p.status, p.location)
	}
	// Signed in, what is not theirs is not there.
	for _, path := range []string{"/orders/" + guestRef, "/orders/" + guestRef + "/return", "/checkout/" + guestRef, "/orders/ORD-NOSUCH", "/orders/ORD-NOSUCH/return", "/checkout/ORD-NOSUCH"} {
		if p := anon.get(path); p.status != http.StatusNotFound {
			t.Errorf("signed in, GET %s: %d %q", path, p.status, p.location)
		}
	}
}
