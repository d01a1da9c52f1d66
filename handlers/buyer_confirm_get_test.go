package handlers

import (
	"fmt"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"antom-checkout/db"
)

// A buyer's unlink and a kept card's removal are Post/Redirect/Get, as
// staff's confirmations are: the button's POST changes nothing and sends
// the buyer (303) to the confirmation's own address, whose GET shows it —
// again on reload, changing nothing — with a form that posts to the
// action with confirm=yes. Once the action is done (here by the confirmed
// POST), that address (Back, a reload, a bookmark) says there is nothing
// left to unlink or remove on My wallets, and offers nothing to confirm;
// so does the button pressed again on a page shown before.
func TestBuyerConfirmationsArePagesOfTheirOwn(t *testing.T) {
	ta := newAdminApp(t) // its Antom client refuses connections: the revoke stays under way
	const email = "prg-buyer@example.com"
	b := ta.client(t)
	b.signUp(email)
	wallet := ta.insertWallet(t, ta.buyerID(t, email), "0917****321")
	card := ta.keepCard(t, email)

	for _, c := range []struct {
		action, question, subject, stale string
		active                           func() bool
	}{
		{fmt.Sprintf("/wallets/%d/unlink", wallet), "Unlink this wallet?", "GCash 0917****321",
			"This wallet is no longer linked, so there is nothing to unlink.",
			func() bool { return ta.walletStatus(t, wallet) == db.WalletActive }},
		{fmt.Sprintf("/cards/%d/remove", card), "Remove this card?", "Visa •••• 4242",
			"This card is no longer kept, so there is nothing to remove.",
			func() bool { return ta.cardStatus(t, card) == db.CardActive }},
	} {
		ask := b.post(c.action, nil)
		assertEqual(t, ask.status, http.StatusSeeOther, c.action+": the button, to its confirmation")
		confirmationOf(t, ask.location, c.action)
		for _, who := range []string{"shown", "reloaded"} {
			p := b.get(ask.location)
			assertEqual(t, p.status, http.StatusOK, c.action+": the confirmation "+who)
			d := html(t, p.body)
			assertEqual(t, strings.TrimSpace(d.Find(`[data-testid="confirm"] h1`).Text()), c.question, c.action+": its question "+who)
			assertEqual(t, textOf(t, d, "confirm-subject"), c.subject, c.action+": what it is about "+who)
			form := d.Find(`[data-testid="confirm"] form`)
			assertEqual(t, form.AttrOr("method", ""), "post", c.action+": the confirmation's form "+who)
			assertEqual(t, form.AttrOr("action", ""), c.action, c.action+": where it posts "+who)
			assertEqual(t, form.Find(`input[name="confirm"]`).AttrOr("value", ""), "yes", c.action+": what it sends "+who)
		}
		if !c.active() {
			t.Fatalf("%s: the button or its confirmation changed something", c.action)
		}

		noticed(t, b.post(c.action, confirmYes), "/wallets")
		if c.active() {
			t.Fatalf("%s: confirmed, nothing was done", c.action)
		}
		for _, how := range []struct {
			what string
			p    page
		}{{"the confirmation opened again", b.get(ask.location)}, {"the button pressed again", b.post(c.action, nil)}} {
			p := b.get(noticed(t, how.p, "/wallets"))
			assertEqual(t, textOf(t, html(t, p.body), "note"), c.stale, c.action+": "+how.what)
			if strings.Contains(p.body, `data-testid="confirm-yes"`) {
				t.Fatalf("%s: %s still asks to confirm:\n%s", c.action, how.what, p.body)
			}
		}
	}
}

// Signed out (in another tab), the confirmation's address asks to sign
// in, saying nothing was pressed; its Unlink sent while signed out does
// nothing, and the sign-in page says so. Its address was signed with the
// ended sign-in's key (confirm_signed.go), so signing in comes back to
// the page the Unlink button lives on (My wallets), not to a confirmation
// that would only say it has expired; the address opened anyway says so,
// and nothing is sent. Pressed again, the button asks anew.
func TestBuyerConfirmationSignedOutComesBackToIt(t *testing.T) {
	ta := newAdminApp(t)
	const email = "prg-out@example.com"
	const notDone = "You are signed out, so what you pressed was not done. Sign in, then try again."
	b := ta.client(t)
	b.signUp(email)
	wallet := ta.insertWallet(t, ta.buyerID(t, email), "0917****654")
	action := fmt.Sprintf("/wallets/%d/unlink", wallet)
	confirmAt := confirmationOf(t, b.post(action, nil).location, action)
	b.post("/signout", nil)

	opened := b.get(confirmAt)
	assertEqual(t, opened.status, http.StatusSeeOther, "the confirmation, signed out")
	assertEqual(t, opened.location, "/signin?next="+url.QueryEscape("/wallets"), "where it sends a signed-out buyer")
	if strings.Contains(b.get(opened.location).body, notDone) {
		t.Fatal("the sign-in page reached by opening the confirmation says a form was not done")
	}

	sent := b.postFrom(action, b.base+confirmAt, confirmYes)
	at := noticed(t, sent, "/signin?next="+url.QueryEscape("/wallets"))
	assertEqual(t, textOf(t, html(t, b.get(at).body), "note"), notDone, "the sign-in page after Unlink signed out")
	assertEqual(t, ta.walletStatus(t, wallet), db.WalletActive, "the wallet after Unlink signed out")

	in := b.post("/signin", url.Values{"email": {email}, "password": {"correct horse battery"}, "next": {"/wallets"}})
	assertEqual(t, in.location, "/wallets", "signed in, back to")
	back := b.get(noticed(t, b.get(confirmAt), "/wallets"))
	assertEqual(t, textOf(t, html(t, back.body), "note"), "That confirmation link has expired or came from elsewhere, so nothing was done. To go on, press the button again.", "the old confirmation after signing in")
	assertEqual(t, ta.walletStatus(t, wallet), db.WalletActive, "the wallet after signing in")
	again := b.ask(action, nil) // pressed again: its confirmation, signed anew
	assertContains(t, again.body, "Unlink this wallet?", `data-testid="confirm-yes"`)
}
