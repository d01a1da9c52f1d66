package handlers

import (
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"

	"antom-checkout/db"
)

// A buyer's form sent from a page left open after signing out (in
// another tab) does nothing, and the sign-in page says so once, in the
// page's language — as the staff's sign-in page does — above the form
// that brings the buyer back to the form's page; signing in lands there
// and sends nothing again. A sign-in page reached by a link (a GET)
// says nothing of the kind.
func TestSignedOutFormSaysItWasNotDone(t *testing.T) {
	ta := newTestApp(t)
	const email = "left-open@example.com"
	const notDone = "You are signed out, so what you pressed was not done. Sign in, then try again."
	b := ta.client(t)
	b.signUp(email)
	buyer := ta.buyerID(t, email)
	wallet := ta.insertWallet(t, buyer, "0917****123")
	card := ta.keepCard(t, email)
	ref := b.buy("coffee", "1")
	onCardPage := b.buy("mug", "1")
	ta.cardAttempt(t, onCardPage, "", time.Hour)
	checkoutRef, resultRef := "/checkout/"+ref, "/orders/"+onCardPage
	attempts := ta.count(t, `SELECT COUNT(*) FROM payment_attempts`)

	b.post("/signout", nil) // in another tab
	for _, tt := range []struct {
		path string
		form url.Values
		from string // the page the form was on: where signing in comes back to
	}{
		{checkoutRef + "/pay", url.Values{"wallet": {itoa(wallet)}}, checkoutRef},
		{checkoutRef + "/card", url.Values{"card": {itoa(card)}}, checkoutRef},
		{checkoutRef + "/card", url.Values{}, checkoutRef},
		{resultRef + "/check", url.Values{}, resultRef},
		{resultRef + "/pay-another-way", url.Values{}, resultRef},
		{"/wallets/link", url.Values{"wallet": {"GCASH"}, "return_to": {checkoutRef}}, checkoutRef},
		{"/wallets/link/7/renew", url.Values{}, "/wallets/link/7"},
		{"/wallets/" + itoa(wallet) + "/unlink", url.Values{}, "/wallets"},
		{"/cards/" + itoa(card) + "/remove", url.Values{}, "/wallets"},
	} {
		p := b.postFrom(tt.path, b.base+tt.from, tt.form)
		to := "/signin?next=" + url.QueryEscape(tt.from)
		if p.status != http.StatusSeeOther || !namesNotice(p.location, to) {
			t.Fatalf("signed out, POST %s: %d %q, want 303 %q naming its note:\n%.400s", tt.path, p.status, p.location, to, p.body)
		}
		d := html(t, b.get(p.location).body)
		assertEqual(t, textOf(t, d, "note"), notDone, "POST "+tt.path+": the sign-in page's note")
		assertEqual(t, testid(d, "signin-form").Find(`input[name="next"]`).AttrOr("value", ""), tt.from, "POST "+tt.path+": where signing in goes")
		again := b.get(p.location)
		assertEqual(t, strings.Count(again.body, notDone), 0, "POST "+tt.path+": the note on the sign-in page shown again")
	}
	assertEqual(t, ta.count(t, `SELECT COUNT(*) FROM payment_attempts`), attempts, "payments")
	assertEqual(t, ta.walletStatus(t, wallet), db.WalletActive, "the wallet")
	assertEqual(t, ta.cardStatus(t, card), db.CardActive, "the card")
	assertEqual(t, ta.count(t, `SELECT COUNT(*) FROM link_attempts`), 0, "links started")

	// Sent to sign in by a link, not a form: no note.
	p := b.get("/orders/" + onCardPage)
	assertEqual(t, strings.Count(b.get(p.location).body, notDone), 0, "the note after a GET")

	// In Malay, the note is Malay.
	b.post("/lang", url.Values{"lang": {"ms"}, "next": {checkoutRef}})
	p = b.postFrom(checkoutRef+"/pay", b.base+checkoutRef, url.Values{"wallet": {itoa(wallet)}})
	assertEqual(t, textOf(t, html(t, b.get(p.location).body), "note"),
		"Anda telah log keluar, jadi apa yang anda tekan tidak dilakukan. Log masuk, kemudian cuba lagi.", "the note in Malay")

	in := b.post("/signin", url.Values{"email": {email}, "password": {"correct horse battery"}, "next": {checkoutRef}})
	assertEqual(t, in.location, checkoutRef, "after signing in")
	c := b.get(checkoutRef)
	assertEqual(t, c.status, http.StatusOK, "the checkout after signing in")
	assertEqual(t, ta.count(t, `SELECT COUNT(*) FROM payment_attempts`), attempts, "payments after signing in")
}
