package handlers

import (
	"context"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"antom-checkout/db"
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

// A password bcrypt cannot take whole is refused in words a buyer knows
// (characters, and which count as more than one), not in bytes.
func TestSignUpSaysHowLongAPasswordMayBe(t *testing.T) {
	ta := newTestApp(t)
	b := ta.client(t)
	long := b.post("/signup", url.Values{"email": {"ann@example.com"}, "password": {strings.Repeat("中", 25)}}) // 25 characters, 75 bytes
	assertEqual(t, long.status, http.StatusUnprocessableEntity, "status")
	assertContains(t, long.body, `data-testid="password-error">Too long: use at most 72 characters (letters outside A–Z, like é or 中, count as 2 to 4 each).<`)
	if strings.Contains(long.body, "bytes") {
		t.Fatal("the password's limit is said in bytes")
	}
}

// A password of spaces only is refused, as staff's are, and no account is
// made.
func TestSignUpRefusesAPasswordOfSpaces(t *testing.T) {
	ta := newTestApp(t)
	b := ta.client(t)
	p := b.post("/signup", url.Values{"email": {"spaces@example.com"}, "password": {strings.Repeat(" ", 8)}})
	assertEqual(t, p.status, http.StatusUnprocessableEntity, "status")
	assertContains(t, p.body, `data-testid="password-error">Use more than spaces.<`)
	if _, err := ta.DB.BuyerByEmail(context.Background(), "spaces@example.com"); err != db.ErrNotFound {
		t.Fatalf("an account was made: %v", err)
	}
}

// A password too easy to guess is refused, and no account is made: a
// buyer's account pays in one click with the wallets it links. A word
// with digits, a short phrase are taken.
func TestSignUpRefusesAPasswordEasyToGuess(t *testing.T) {
	ta := newTestApp(t)
	b := ta.client(t)
	for i, p := range []string{"12345678", "abcd1234", "00000000", "19870512", "password1", "Summer2026!", "ann@example.com1", "qwertyui"} {
		email := "easy" + string(rune('a'+i)) + "@example.com"
		if p == "ann@example.com1" {
			email = "ann@example.com"
		}
		r := b.post("/signup", url.Values{"email": {email}, "password": {p}})
		assertEqual(t, r.status, http.StatusUnprocessableEntity, p)
		assertContains(t, r.body, `data-testid="password-error">Too easy to guess: it is a common password, your email, a run like 12345678 or abcdefgh, or one character or phrase again and again.`)
		if _, err := ta.DB.BuyerByEmail(context.Background(), email); err != db.ErrNotFound {
			t.Fatalf("%q: an account was made: %v", p, err)
		}
	}
	for i, p := range []string{"mango123", "kopi susu", "correct horse battery"} {
		r := b.post("/signup", url.Values{"email": {"fine" + string(rune('a'+i)) + "@example.com"}, "password": {p}})
		assertEqual(t, r.status, http.StatusSeeOther, p)
		b = ta.client(t)
	}
}
