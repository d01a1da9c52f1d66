package handlers

import (
	"fmt"
	"net/url"
	"testing"
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

	noticed(t, b.post(action, confirmYes), back) // the first tab
	d := html(t, b.get(noticed(t, b.post(action, confirmYes), back)).body)
	assertEqual(t, textOf(t, d, "note"), "This card is no longer kept: there is nothing to remove.", "the second tab's notice")
	assertEqual(t, testid(d, "flash").Length(), 0, "a notice saying it was removed")
}
