package handlers

import (
	"context"
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"

	"antom-checkout/db"
)

func TestSignUpFieldErrorsChangeNothing(t *testing.T) {
	ta := newTestApp(t)
	b := ta.client(t)
	p := b.post("/signup", url.Values{"email": {"not-an-email"}, "password": {"short"}})
	assertEqual(t, p.status, http.StatusUnprocessableEntity, "status")
	for _, want := range []string{`data-testid="email-error"`, "Enter an email address like name@example.com.", `data-testid="password-error"`, "Use at least 8 characters.", `value="not-an-email"`} {
		if !strings.Contains(p.body, want) {
			t.Fatalf("page lacks %q", want)
		}
	}
	if _, err := ta.DB.BuyerByEmail(context.Background(), "not-an-email"); err != db.ErrNotFound {
		t.Fatal("an account was created from bad input")
	}
}

func TestSignUpSignOutSignIn(t *testing.T) {
	ta := newTestApp(t)
	b := ta.client(t)

	anonymous := b.get("/wallets")
	assertEqual(t, anonymous.status, http.StatusSeeOther, "anonymous /wallets")
	assertEqual(t, anonymous.location, "/signin?next=%2Fwallets", "redirect")

	b.get("/") // a session may exist before signing in
	before := b.sessionCookie()
	welcome := noticed(t, page{status: http.StatusSeeOther, location: b.signUp("Ann@Example.com")}, "/wallets")
	if after := b.sessionCookie(); after == "" || after == before {
		t.Fatal("the session id was not renewed at sign-up")
	}
	wallets := b.get(welcome)
	assertEqual(t, wallets.status, http.StatusOK, "/wallets after sign-up")
	if textOf(t, html(t, wallets.body), "signed-in-as") != "ann@example.com" || !strings.Contains(wallets.body, "Welcome!") {
		t.Fatal("the wallets page does not show the buyer or the welcome notice")
	}

	dup := ta.client(t).post("/signup", url.Values{"email": {"ann@example.com"}, "password": {"another password"}})
	assertEqual(t, dup.status, http.StatusUnprocessableEntity, "duplicate sign-up")
	if !strings.Contains(dup.body, "An account with this email exists.") {
		t.Fatal("duplicate email not explained")
	}

	out := b.post("/signout", nil)
	assertEqual(t, out.status, http.StatusSeeOther, "sign out")
	assertEqual(t, b.get("/wallets").status, http.StatusSeeOther, "/wallets after sign-out")

	wrong := b.post("/signin", url.Values{"email": {"ann@example.com"}, "password": {"wrong password"}})
	assertEqual(t, wrong.status, http.StatusUnprocessableEntity, "wrong password")
	if !strings.Contains(wrong.body, "Wrong email or password.") {
		t.Fatal("no error for a wrong password")
	}
	before = b.sessionCookie()
	in := b.post("/signin", url.Values{"email": {"ANN@example.com"}, "password": {"correct horse battery"}, "next": {"/wallets"}})
	assertEqual(t, in.status, http.StatusSeeOther, "sign in")
	assertEqual(t, in.location, "/wallets", "after sign-in")
	if b.sessionCookie() == before {
		t.Fatal("the session id was not renewed at sign-in")
	}
}

func TestSignInNeverRedirectsOffSite(t *testing.T) {
	ta := newTestApp(t)
	b := ta.client(t)
	b.signUp("bob@example.com")
	b.post("/signout", nil)
	for _, next := range []string{"//evil.example", "https://evil.example", "/\\evil.example", "javascript:alert(1)"} {
		p := b.post("/signin", url.Values{"email": {"bob@example.com"}, "password": {"correct horse battery"}, "next": {next}})
		assertEqual(t, p.location, "/wallets", "redirect for next="+next)
		b.post("/signout", nil)
	}
}

// A buyer sees only their own link attempts and wallets: anyone else's
// are 404, like pages that do not exist.
func TestLinkPagesBelongToTheirBuyer(t *testing.T) {
	ta := newTestApp(t)
	owner := ta.client(t)
	owner.signUp("own@example.com")
	ownerRow, _ := ta.DB.BuyerByEmail(context.Background(), "own@example.com")
	now := time.Now()
	id, err := ta.DB.InsertLinkAttempt(context.Background(), db.LinkAttempt{
		AuthState: "state-1", BuyerID: ownerRow.ID, Wallet: "GCASH", ReturnTo: "/wallets",
		Status: db.LinkPending, CreatedAt: now, ExpiresAt: now.Add(15 * time.Minute),
	})
	if err != nil {
		t.Fatal(err)
	}
	ta.DB.SetLinkCode(context.Background(), id, "https://wallet.example/qr?c=1", now)

	page := owner.get("/wallets/link/1")
	assertEqual(t, page.status, http.StatusOK, "owner's link page")
	if !strings.Contains(page.body, `data-testid="qr"`) || !strings.Contains(page.body, "https://wallet.example/qr?c=1") {
		t.Fatal("the link page lacks the QR code or its text")
	}
	qr := owner.get("/wallets/link/1/qr.png")
	assertEqual(t, qr.status, http.StatusOK, "QR image")
	if !strings.HasPrefix(qr.body, "\x89PNG") {
		t.Fatal("the QR image is not a PNG")
	}

	other := ta.client(t)
	other.signUp("other@example.com")
	for _, path := range []string{"/wallets/link/1", "/wallets/link/1/qr.png", "/wallets/link/1/status?seen=X", "/wallets/link/1/continue"} {
		assertEqual(t, other.get(path).status, http.StatusNotFound, "another buyer: "+path)
	}
	assertEqual(t, other.post("/wallets/link/1/renew", nil).status, http.StatusNotFound, "another buyer renewing")
	assertEqual(t, other.get("/wallets/link/abc").status, http.StatusNotFound, "a malformed id")
}
