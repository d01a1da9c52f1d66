package handlers

import (
	"context"
	"fmt"
	"net/http"
	"net/url"
	"testing"

	"antom-checkout/db"
)

// A Remove confirmed again from a second tab, after the first tab's
// removed the card, did nothing: it says what a confirmation opened then
// says — the card is no longer kept, nothing to remove — in the buyer's
// language, never "Card removed."; the card's timeline has one removal.
func TestCardRemoveConfirmedAgainSaysItDidNothing(t *testing.T) {
	for _, tc := range []struct{ lang, note string }{
		{"en", "This card is no longer kept, so there is nothing to remove."},
		{"ms", "Kad ini tidak disimpan lagi, jadi tiada apa-apa untuk dialih keluar."},
	} {
		t.Run(tc.lang, func(t *testing.T) {
			ta := newAdminApp(t)
			email := "remove-twice-" + tc.lang + "@example.com"
			b := ta.client(t)
			b.signUp(email)
			b.post("/lang", url.Values{"lang": {tc.lang}, "next": {"/wallets"}})
			card := ta.keepCard(t, email)
			action := fmt.Sprintf("/cards/%d/remove", card)

			first := html(t, b.get(noticed(t, b.post(action, confirmYes), "/wallets")).body) // the first tab
			assertEqual(t, testid(first, "flash").Length(), 1, "the first tab's notice that it was removed")
			d := html(t, b.get(noticed(t, b.post(action, confirmYes), "/wallets")).body)
			assertEqual(t, textOf(t, d, "note"), tc.note, "the second tab's notice")
			assertEqual(t, testid(d, "flash").Length(), 0, "a notice saying it was removed")
			assertEqual(t, ta.count(t, "SELECT COUNT(*) FROM events WHERE subject = ?", fmt.Sprintf("card:%d", card)), 1, "removals recorded")
		})
	}
}

// Staff alike: a Remove confirmed again (a second tab) did nothing and
// says so on the buyer's wallets, never "Card removed.".
func TestStaffCardRemoveConfirmedAgainSaysItDidNothing(t *testing.T) {
	ta := newAdminApp(t)
	const email = "staff-remove-twice@example.com"
	ta.client(t).signUp(email)
	card := ta.keepCard(t, email)
	b := ta.client(t)
	b.staffSignIn()
	action := fmt.Sprintf("/admin/cards/%d/remove", card)
	back := "/admin/wallets?email=" + url.QueryEscape(email)

	tab := b.confirmation(action, nil)    // shown in two tabs
	noticed(t, b.post(action, tab), back) // the first tab
	d := html(t, b.get(noticed(t, b.post(action, tab), back)).body)
	assertEqual(t, textOf(t, d, "note"), "This card is no longer kept: there is nothing to remove.", "the second tab's notice")
	assertEqual(t, testid(d, "flash").Length(), 0, "a notice saying it was removed")
}

// A Remove from a page shown before the same card was kept again (a
// newer token for the same brand, last four and expiry replaced it)
// removes the card the buyer sees — the newest, as such a page's Pay pays
// with it — and its confirmation asks about it: never "This card is no
// longer kept" above that same card still listed on My wallets.
func TestCardRemoveOfACardKeptAgainRemovesTheNewest(t *testing.T) {
	ta := newAdminApp(t)
	ctx := context.Background()
	const email = "kept-again@example.com"
	b := ta.client(t)
	b.signUp(email)
	older := ta.keepCard(t, email)
	action := fmt.Sprintf("/cards/%d/remove", older) // the page shown before
	id := ta.buyerID(t, email)
	if err := ta.DB.KeepCard(ctx, db.Card{BuyerID: id, TokenSealed: []byte("sealed-2"), TokenHash: "again-" + email,
		Brand: "VISA", Last4: "4242", ExpiryMonth: "12", ExpiryYear: "30", CreatedAt: ta.now}); err != nil {
		t.Fatal(err)
	}
	if _, err := ta.DB.ReplaceSameCard(ctx, id, "again-"+email, ta.now); err != nil {
		t.Fatal(err)
	}
	cards, err := ta.DB.BuyerCards(ctx, id, db.CardActive)
	if err != nil || len(cards) != 1 || cards[0].ID == older {
		t.Fatalf("kept again: %v %v", cards, err)
	}
	newest := cards[0].ID

	ask := b.ask(action, nil)
	assertEqual(t, ask.status, http.StatusOK, "the confirmation")
	assertEqual(t, textOf(t, html(t, ask.body), "confirm-subject"), "Visa •••• 4242", "what it asks about")
	d := html(t, b.get(noticed(t, b.post(action, confirmYes), "/wallets")).body)
	assertEqual(t, textOf(t, d, "flash"), "Card removed.", "the notice")
	assertEqual(t, ta.cardStatus(t, newest), db.CardRemoved, "the newest card")
	assertEqual(t, testid(d, "card-label").Length(), 0, "cards still listed")
}
