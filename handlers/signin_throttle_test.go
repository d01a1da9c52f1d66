package handlers

import (
	"net/http"
	"net/url"
	"strconv"
	"testing"
	"time"

	"antom-checkout/checkout"
)

// 12 wrong passwords, then the right one: refused with 429, the time to
// retry in the header and in words, until the window ends. The counters
// are in the database.
func TestBuyerSignInIsThrottledPerEmail(t *testing.T) {
	ta := newTestApp(t)
	b := ta.client(t)
	b.signUp("guess@example.com")
	b.post("/signout", nil)
	wrong := url.Values{"email": {"guess@example.com"}, "password": {"not the password"}}
	for i := 1; i <= checkout.BuyerSigninPerEmail; i++ {
		assertEqual(t, b.post("/signin", wrong).status, http.StatusUnprocessableEntity, "wrong password "+strconv.Itoa(i))
	}
	for i := 0; i < 2; i++ {
		assertEqual(t, b.post("/signin", wrong).status, http.StatusTooManyRequests, "past the limit")
	}
	resp, err := b.http.PostForm(b.base+"/signin", url.Values{"email": {"GUESS@example.com "}, "password": {"correct horse battery"}})
	if err != nil {
		t.Fatal(err)
	}
	p := read(t, resp)
	assertEqual(t, p.status, http.StatusTooManyRequests, "the right password past the limit")
	assertContains(t, p.body, "Too many failed sign-ins", "Try again "+retryShown(ta.now, ta.now.Add(15*time.Minute)))
	if s, _ := strconv.Atoi(resp.Header.Get("Retry-After")); s < 14*60 || s > 15*60 {
		t.Fatalf("Retry-After = %q", resp.Header.Get("Retry-After"))
	}
	assertEqual(t, b.get("/wallets").status, http.StatusSeeOther, "still signed out")

	ta.now = ta.now.Add(checkout.SigninWindow + time.Second)
	in := b.post("/signin", url.Values{"email": {"guess@example.com"}, "password": {"correct horse battery"}})
	assertEqual(t, in.status, http.StatusSeeOther, "after the window")
}

// One address trying many emails is stopped too, whichever email comes
// next; a success from that address takes back only its own try.
func TestBuyerSignInIsThrottledPerAddress(t *testing.T) {
	ta := newTestApp(t)
	b := ta.client(t)
	b.signUp("mine@example.com")
	b.post("/signout", nil)
	for i := 1; i < checkout.BuyerSigninPerAddress; i++ {
		p := b.post("/signin", url.Values{"email": {"victim" + strconv.Itoa(i) + "@example.com"}, "password": {"password123"}})
		assertEqual(t, p.status, http.StatusUnprocessableEntity, "guess "+strconv.Itoa(i))
	}
	in := b.post("/signin", url.Values{"email": {"mine@example.com"}, "password": {"correct horse battery"}})
	assertEqual(t, in.status, http.StatusSeeOther, "own account, one try left")
	b.post("/signout", nil)
	last := b.post("/signin", url.Values{"email": {"victim-last@example.com"}, "password": {"password123"}})
	assertEqual(t, last.status, http.StatusUnprocessableEntity, "the last failure allowed")
	next := b.post("/signin", url.Values{"email": {"someone-new@example.com"}, "password": {"password123"}})
	assertEqual(t, next.status, http.StatusTooManyRequests, "a new email from the same address")
}

// Sign-up is throttled per client address like sign-in: past the limit
// it answers 429 with Retry-After and says when to retry in words,
// creating nothing; after the window it works again.
func TestBuyerSignUpIsThrottledPerAddress(t *testing.T) {
	ta := newTestApp(t)
	b := ta.client(t)
	for i := 1; i <= checkout.BuyerSignupPerAddress; i++ {
		p := b.post("/signup", url.Values{"email": {"new" + strconv.Itoa(i) + "@example.com"}, "password": {"correct horse battery"}})
		assertEqual(t, p.status, http.StatusSeeOther, "sign-up "+strconv.Itoa(i))
		b.post("/signout", nil)
	}
	resp, err := b.http.PostForm(b.base+"/signup", url.Values{"email": {"one-too-many@example.com"}, "password": {"correct horse battery"}})
	if err != nil {
		t.Fatal(err)
	}
	p := read(t, resp)
	assertEqual(t, p.status, http.StatusTooManyRequests, "past the limit")
	assertContains(t, p.body, "Too many accounts were created from this network", "Try again "+retryShown(ta.now, ta.now.Add(15*time.Minute)))
	if s, _ := strconv.Atoi(resp.Header.Get("Retry-After")); s < 14*60 || s > 15*60 {
		t.Fatalf("Retry-After = %q", resp.Header.Get("Retry-After"))
	}
	in := b.post("/signin", url.Values{"email": {"one-too-many@example.com"}, "password": {"correct horse battery"}})
	assertEqual(t, in.status, http.StatusUnprocessableEntity, "no account was created")

	ta.now = ta.now.Add(checkout.SigninWindow + time.Second)
	again := b.post("/signup", url.Values{"email": {"one-too-many@example.com"}, "password": {"correct horse battery"}})
	assertEqual(t, again.status, http.StatusSeeOther, "after the window")
}
