package handlers

import (
	"fmt"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"testing"
	"time"

	"antom-checkout/checkout"
)

func TestAdminSignInIsRateLimited(t *testing.T) {
	ta := newAdminApp(t)
	b := ta.client(t)
	for i := 1; i <= 5; i++ {
		p := b.post("/admin/signin", url.Values{"email": {staffEmail}, "password": {"wrong password"}})
		assertEqual(t, p.status, http.StatusUnprocessableEntity, "wrong password "+strconv.Itoa(i))
		assertContains(t, p.body, "Wrong email or password.", `value="admin@shop.test"`)
	}
	resp, err := b.http.PostForm(b.base+"/admin/signin", url.Values{"email": {staffEmail}, "password": {staffPassword}})
	if err != nil {
		t.Fatal(err)
	}
	p := read(t, resp)
	assertEqual(t, p.status, http.StatusTooManyRequests, "6th try with the right password")
	assertContains(t, p.body, `data-testid="retry-at"`, ta.now.Add(15*time.Minute).UTC().Format("15:04 UTC"),
		"sign-in for this account from your address is paused")
	if s, _ := strconv.Atoi(resp.Header.Get("Retry-After")); s < 14*60 || s > 15*60 {
		t.Fatalf("Retry-After = %q", resp.Header.Get("Retry-After"))
	}
	assertEqual(t, b.get("/admin").location, "/admin/signin", "still signed out")

	// The window ends 15 minutes after the first failure.
	ta.now = ta.now.Add(15*time.Minute + time.Second)
	b.staffSignIn()
}

// Failures from one address for many emails (a few guesses each) pause
// staff sign-in from there for every account, and the page says so.
func TestAdminSignInIsRateLimitedPerAddress(t *testing.T) {
	ta := newAdminApp(t)
	b := ta.client(t)
	for i := 0; i < checkout.StaffSigninPerAddress; i++ {
		email := fmt.Sprintf("guess%d@shop.test", i/(checkout.SigninMaxFailures-1))
		p := b.post("/admin/signin", url.Values{"email": {email}, "password": {"wrong password"}})
		assertEqual(t, p.status, http.StatusUnprocessableEntity, "try "+strconv.Itoa(i+1))
	}
	p := b.post("/admin/signin", url.Values{"email": {staffEmail}, "password": {staffPassword}})
	assertEqual(t, p.status, http.StatusTooManyRequests, "the right password after them")
	assertContains(t, p.body, "sign-in from your address is paused, for every account, until",
		ta.now.Add(15*time.Minute).UTC().Format("15:04 UTC"))
	assertEqual(t, b.get("/admin").location, "/admin/signin", "still signed out")
}

func TestAdminSignInRenewsSessionAndKeepsBuyerApart(t *testing.T) {
	ta := newAdminApp(t)
	b := ta.client(t)
	b.signUp("both@example.com")
	before := b.sessionCookie()
	b.staffSignIn()
	if after := b.sessionCookie(); after == "" || after == before {
		t.Fatal("the session id was not renewed at staff sign-in")
	}
	dash := b.get("/admin")
	assertEqual(t, dash.status, http.StatusOK, "dashboard")
	assertContains(t, dash.body, `data-testid="staff-email">`+wholeEmail("admin@shop.test")+`<`)
	assertEqual(t, b.get("/wallets").status, http.StatusOK, "the buyer is still signed in")

	// Signing out of the admin leaves the buyer signed in, with a new id.
	before = b.sessionCookie()
	out := b.post("/admin/signout", nil)
	noticed(t, out, "/admin/signin") // sign out
	if b.sessionCookie() == before {
		t.Fatal("the session id was not renewed at staff sign-out")
	}
	assertEqual(t, b.get("/admin").status, http.StatusSeeOther, "admin after sign out")
	assertEqual(t, b.get("/wallets").status, http.StatusOK, "buyer after staff sign out")

	// And the other way: the shop's sign-out leaves staff signed in to
	// the admin, under a new id, the buyer signed out.
	b.staffSignIn()
	before = b.sessionCookie()
	out = b.post("/signout", nil)
	assertEqual(t, out.location, "/", "buyer sign out")
	if after := b.sessionCookie(); after == "" || after == before {
		t.Fatal("the session id was not renewed at the buyer's sign-out")
	}
	assertEqual(t, b.get("/wallets").status, http.StatusSeeOther, "buyer after the buyer's sign out")
	assertEqual(t, b.get("/admin").status, http.StatusOK, "staff after the buyer's sign out")

	// A buyer's password is not a staff password.
	p := ta.client(t).post("/admin/signin", url.Values{"email": {"both@example.com"}, "password": {"correct horse battery"}})
	assertEqual(t, p.status, http.StatusUnprocessableEntity, "buyer credentials at the staff sign-in")
}

func TestAdminSignInReturnsToTheAskedPage(t *testing.T) {
	ta := newAdminApp(t)
	b := ta.client(t)
	to := b.get("/admin/notifications?verdict=stale")
	form := b.get(to.location)
	assertContains(t, form.body, `name="next" value="/admin/notifications?verdict=stale"`)
	p := b.post("/admin/signin", url.Values{"email": {staffEmail}, "password": {staffPassword}, "next": {"/admin/notifications?verdict=stale"}})
	assertEqual(t, p.location, "/admin/notifications?verdict=stale", "back to the page")
	for _, next := range []string{"//evil.example/admin", "https://evil.example", "/wallets", "/administrator"} {
		p := ta.client(t).post("/admin/signin", url.Values{"email": {staffEmail}, "password": {staffPassword}, "next": {next}})
		if p.location != "/admin" {
			t.Errorf("next %q led to %q", next, p.location)
		}
	}
	resp, err := b.http.Get(b.base + "/admin/orders")
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	assertEqual(t, resp.Header.Get("Cache-Control"), "no-store", "admin pages are not cached")
}

// Every staff page's <title> says what its heading says: the lockout
// page, the sign-in page and each page of the menu.
func TestAdminTitlesMatchHeadings(t *testing.T) {
	ta := newAdminApp(t)
	same := func(p page, what string) {
		t.Helper()
		d := html(t, p.body)
		title := strings.SplitN(d.Find("title").Text(), " · ", 2)[0]
		if h1 := strings.TrimSpace(d.Find("h1").First().Text()); h1 != title {
			t.Errorf("%s: <title> %q, heading %q", what, title, h1)
		}
	}
	b := ta.client(t)
	same(b.get("/admin/signin"), "sign in")
	for i := 0; i < 5; i++ {
		b.post("/admin/signin", url.Values{"email": {staffEmail}, "password": {"wrong password"}})
	}
	locked := b.post("/admin/signin", url.Values{"email": {staffEmail}, "password": {"wrong password"}})
	assertEqual(t, locked.status, http.StatusTooManyRequests, "locked out")
	same(locked, "lockout")

	staff := ta.client(t)
	ta.now = ta.now.Add(time.Hour)
	staff.staffSignIn()
	for _, path := range []string{"/admin", "/admin/orders", "/admin/wallets", "/admin/refunds/lookup", "/admin/notifications", "/admin/password", "/admin/staff"} {
		same(staff.get(path), path)
	}
}
