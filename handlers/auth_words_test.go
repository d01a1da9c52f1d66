package handlers

import (
	"net/http"
	"net/url"
	"strings"
	"testing"
)

// Sign-up says its length rule once: as help, or as the error instead.
func TestSignUpSaysTheLengthRuleOnce(t *testing.T) {
	ta := newTestApp(t)
	b := ta.client(t)
	fresh := b.get("/signup").body
	assertEqual(t, strings.Count(fresh, "8 characters"), 1, "length rule on the form")
	short := b.post("/signup", url.Values{"email": {"ann@example.com"}, "password": {"short"}}).body
	assertEqual(t, strings.Count(short, "8 characters"), 1, "length rule with the error")
	assertContains(t, short, `data-testid="password-error">Use at least 8 characters.<`)
}

// An empty field on sign-in asks for it; it is no wrong password.
func TestSignInAsksForEmptyFields(t *testing.T) {
	ta := newTestApp(t)
	b := ta.client(t)
	p := b.post("/signin", url.Values{"email": {"ann@example.com"}, "password": {""}})
	assertEqual(t, p.status, http.StatusUnprocessableEntity, "status")
	assertContains(t, p.body, `data-testid="password-error">Enter your password.<`, `value="ann@example.com"`)
	if strings.Contains(p.body, "Wrong email or password.") {
		t.Fatal("an empty password is called wrong")
	}
	p = b.post("/signin", url.Values{"email": {"  "}, "password": {"something"}})
	assertContains(t, p.body, `data-testid="email-error">Enter your email address.<`)
}
