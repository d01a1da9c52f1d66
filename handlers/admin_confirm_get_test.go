package handlers

import (
	"fmt"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"antom-checkout/db"
)

// A staff refund is Post/Redirect/Get: the form's POST changes nothing
// and sends staff (303) to the confirmation's own address, which carries
// the amount, reason and key; that GET shows the confirmation and is safe
// to reload and to open again in another tab of the same staff member's
// session (a bookmark) — nothing stored or sent. Bad input is the form
// again with its errors (422), no redirect, on the POST and on a
// confirmation address edited by hand. The confirmation's form still
// posts to the action with confirm=yes and the same key: confirmed twice
// is one refund, and the confirmation's address opened afterwards says
// the refund was made, offering nothing to confirm.
func TestRefundConfirmationIsAPageOfItsOwn(t *testing.T) {
	ta, f := newFakeAntomApp(t)
	ref, _ := ta.paidOrder(t, "prg-refund@example.com")
	b := ta.client(t)
	b.staffSignIn()
	order := "/admin/orders/" + ref
	key := refundFormKey(t, b.get(order).body)
	refunds := func() int { return ta.count(t, "SELECT COUNT(*) FROM refunds") }

	bad := b.post(order+"/refunds", url.Values{"amount": {"1.2.3"}, "key": {key}})
	assertEqual(t, bad.status, http.StatusUnprocessableEntity, "a bad amount: the form again")
	assertContains(t, bad.body, `data-testid="refund-form"`)

	ask := b.post(order+"/refunds", url.Values{"amount": {"4.50"}, "reason": {"a chipped mug"}, "key": {key}})
	assertEqual(t, ask.status, http.StatusSeeOther, "the form, to its confirmation")
	u, err := url.Parse(ask.location)
	if err != nil {
		t.Fatal(err)
	}
	confirmationOf(t, ask.location, order+"/refunds")
	assertEqual(t, u.Query().Get("amount"), "4.50", "its amount")
	assertEqual(t, u.Query().Get("reason"), "a chipped mug", "its reason")
	assertEqual(t, u.Query().Get("key"), key, "its key")

	for _, who := range []string{"shown", "reloaded"} {
		p := b.get(ask.location)
		assertEqual(t, p.status, http.StatusOK, "the confirmation "+who)
		d := html(t, p.body)
		assertContains(t, d.Find(`[data-testid="confirm"] h1`).Text(), "Refund $4.50 of order")
		form := d.Find(`[data-testid="confirm"] form`)
		assertEqual(t, form.AttrOr("method", ""), "post", "the confirmation's form "+who)
		assertEqual(t, form.AttrOr("action", ""), order+"/refunds", "where it posts")
		assertEqual(t, form.Find(`input[name="key"]`).AttrOr("value", ""), key, "the key it sends")
		assertEqual(t, form.Find(`input[name="reason"]`).AttrOr("value", ""), "a chipped mug", "the reason it sends")
	}
	assertEqual(t, refunds(), 0, "refunds stored by the form and its confirmation")
	assertEqual(t, f.count("refund"), 0, "refunds sent to Antom")

	// An address edited by hand (its signature no longer its own) is not
	// shown: the order's page says so, nothing filled in from it.
	edited := u.Query()
	edited.Set("amount", "-1")
	refused := b.get(noticed(t, b.get(u.Path+"?"+edited.Encode()), order))
	assertContains(t, refused.body, "That confirmation link has expired or was not made by this session")
	if strings.Contains(refused.body, `data-testid="confirm-yes"`) {
		t.Fatalf("an edited confirmation address filled something in:\n%s", refused.body)
	}

	yes := b.confirmation(order+"/refunds", url.Values{"amount": {"4.50"}, "reason": {"a chipped mug"}, "key": {key}})
	noticed(t, b.post(order+"/refunds", yes), order)
	noticed(t, b.post(order+"/refunds", yes), order) // sent again
	assertEqual(t, refunds(), 1, "refunds stored")
	assertEqual(t, f.count("refund"), 1, "refunds sent to Antom")

	stale := b.get(ask.location)
	page := b.get(noticed(t, stale, order)).body
	assertContains(t, page, "This refund form was already submitted.")
	if strings.Contains(page, `data-testid="confirm-yes"`) {
		t.Fatalf("the confirmation opened after its refund still asks to confirm:\n%s", page)
	}
	assertEqual(t, refunds(), 1, "refunds stored after the confirmation was opened again")
}

// Void, unlink and a card's removal are Post/Redirect/Get too: each
// button's POST sends staff to the confirmation's address; its GET
// shows it (again on reload), changing nothing; once the action is done
// (here by the confirmed POST), that address says there is nothing left
// to confirm, rather than asking again or answering 404.
func TestVoidUnlinkAndRemoveConfirmationsArePagesOfTheirOwn(t *testing.T) {
	ta, _ := newFakeAntomApp(t)
	ref := ta.authorizedOrder(t, "prg-holder@example.com")
	card := ta.keepCard(t, "prg-holder@example.com")
	wallet := ta.insertWallet(t, ta.buyerID(t, "prg-holder@example.com"), "0917****555")
	b := ta.client(t)
	b.staffSignIn()
	wallets := "/admin/wallets?email=prg-holder%40example.com"

	for _, c := range []struct {
		action, question, back, stale string
		unchanged                     func() bool
	}{
		{"/admin/orders/" + ref + "/void", "Void the authorization of $37.00", "/admin/orders/" + ref, "",
			func() bool { return ta.order(t, ref).Status == db.OrderAuthorized }},
		{fmt.Sprintf("/admin/wallets/%d/unlink", wallet), "Unlink GCash 0917****555?", wallets, "This wallet is no longer linked: there is nothing to unlink.",
			func() bool { return ta.walletStatus(t, wallet) == db.WalletActive }},
		{fmt.Sprintf("/admin/cards/%d/remove", card), "Remove Visa •••• 4242?", wallets, "This card is no longer kept: there is nothing to remove.",
			func() bool { return ta.cardStatus(t, card) == db.CardActive }},
	} {
		ask := b.post(c.action, nil)
		assertEqual(t, ask.status, http.StatusSeeOther, c.action+": the button, to its confirmation")
		confirmationOf(t, ask.location, c.action)
		for range 2 { // shown, then reloaded
			p := b.get(ask.location)
			assertEqual(t, p.status, http.StatusOK, c.action+": the confirmation")
			assertContains(t, p.body, c.question, `action="`+c.action+`"`, `name="confirm" value="yes"`)
		}
		if !c.unchanged() {
			t.Fatalf("%s: the button and its confirmation changed something", c.action)
		}
		done := b.confirm(c.action, nil)
		assertEqual(t, done.status, http.StatusSeeOther, c.action+": confirmed")
		if c.unchanged() {
			t.Fatalf("%s: confirmed, nothing was done", c.action)
		}
		stale := b.get(ask.location)
		page := b.get(noticed(t, stale, c.back)).body
		if c.stale != "" {
			assertContains(t, page, c.stale)
		}
		if strings.Contains(page, `data-testid="confirm-yes"`) {
			t.Fatalf("%s: the confirmation opened after the action still asks to confirm", c.action)
		}
	}
	// The void's confirmation opened after the void: the order says it
	// is voided (afterCardAction's refusal), nothing sent again.
	assertEqual(t, ta.order(t, ref).Status, db.OrderVoided, "the order")
}
