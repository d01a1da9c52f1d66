package handlers

import (
	"context"
	"fmt"
	"net/url"
	"strings"
	"testing"
	"time"

	"antom-checkout/db"
	"antom-checkout/lang"
)

// A buyer with a GCash wallet and a kept card opens checkout; the wallet
// side cancels the wallet; the buyer presses Pay with GCash. The refusal
// names the wallet (as its button did) in the wallets box — not under
// the card box's heading — and says what became of it, and when, as a
// reload does (TestPayWithAnEndedWalletSaysWhoEndedItAndWhen); the box, now empty, says what became of
// it (cancelled in the wallet app), as a reload does, never "yet". The boxes stand as they will on a
// reload: the kept card first, the wallets box with its notice second
// (the order never depends on a notice). Once the notice is seen,
// checkout and My wallets still say what became of the wallet (cancelled
// in the wallet app), for a week; a wallet the buyer unlinked is not
// told again.
func TestWalletCancelledByTheWalletSideIsTold(t *testing.T) {
	ta := newTestApp(t)
	b := ta.client(t)
	const email = "cancelled-wallet@example.com"
	b.signUp(email)
	ref := b.buy("coffee", "1")
	wallet, _ := ta.insertWallet(t, ta.buyerID(t, email), "0917****123"), ta.keepCard(t, email)
	if ok, err := ta.DB.EndWallet(context.Background(), wallet, []string{db.WalletActive}, db.WalletCanceled, "cancelled in the wallet", ta.now); err != nil || !ok {
		t.Fatalf("cancel: %v %v", ok, err)
	}
	cancelledOn := "Your link to GCash 0917****123 was cancelled in the wallet app on " + asRead(lang.For(lang.English).Date(ta.now)) +
		", so it can no longer be used here.\nYou can link it again below."

	p := b.refusedAt("/checkout/"+ref, "/checkout/"+ref+"/pay", url.Values{"wallet": {itoa(wallet)}}, "so it can no longer be used here. Link it again, or pay by card on this page.")
	d := html(t, p.body)
	walletBox, cardBox := testid(d, "wallet-section"), testid(d, "card-section")
	assertEqual(t, asRead(strings.TrimSpace(walletBox.Find(`[data-testid="pay-error"]`).Text())),
		"Your link to GCash 0917****123 was cancelled in the wallet app on "+asRead(lang.For(lang.English).Date(ta.now))+
			", so it can no longer be used here. Link it again, or pay by card on this page.", "the notice, in the wallets box")
	assertEqual(t, cardBox.Find(`[data-testid="pay-error"]`).Length(), 0, "notices in the card box")
	assertEqual(t, testid(d, "pay-error").Length(), 1, "notices on the page")
	assertEqual(t, boxOrder(p.body), "card-section wallet-section", "the boxes with the notice")
	// The notice names it and says what to do: the box under it does not
	// tell it again.
	assertEqual(t, testid(d, "no-wallets").Length(), 0, "the empty wallets box's words under the notice")
	assertEqual(t, strings.Count(walletBox.Text(), "0917****123"), 1, "the wallet named in the wallets box")
	if _, open := walletBox.Find("#link-wallet").Attr("open"); !open {
		t.Error("the form to link it again is closed")
	}
	assertEqual(t, strings.Count(p.body, "yet"), 0, `"yet" on the page`)

	// Seen once: checkout, with the kept card first again, and My wallets
	// still say what became of it.
	again := b.get("/checkout/" + ref)
	assertEqual(t, boxOrder(again.body), "card-section wallet-section", "the boxes on a reload")
	d = html(t, again.body)
	assertEqual(t, testid(d, "pay-error").Length(), 0, "the notice again")
	assertEqual(t, paragraphsOf(t, d, "no-wallets"), cancelledOn, "checkout after the notice")
	d = html(t, b.get("/wallets").body)
	assertEqual(t, paragraphsOf(t, d, "no-wallets"), cancelledOn, "My wallets")

	b.post("/lang", url.Values{"lang": {"id"}, "next": {"/wallets"}})
	indonesian, _ := lang.ByCode("id")
	id := lang.For(indonesian)
	assertEqual(t, paragraphsOf(t, html(t, b.get("/wallets").body), "no-wallets"),
		"GCash 0917****123 dibatalkan di aplikasi dompet pada "+asRead(id.Date(ta.now))+
			", jadi tidak tertaut lagi di sini.\nAnda dapat menautkannya lagi di bawah.", "My wallets in Indonesian")
	b.post("/lang", url.Values{"lang": {"en"}, "next": {"/wallets"}})

	// With another wallet linked, My wallets lists it and tells the
	// cancelled one above; checkout offers it and tells nothing.
	ta.insertWallet(t, ta.buyerID(t, email), "0917****456")
	d = html(t, b.get("/wallets").body)
	assertEqual(t, paragraphsOf(t, d, "wallets-told"), cancelledOn, "My wallets beside a linked wallet")
	d = html(t, b.get("/checkout/"+ref).body)
	assertEqual(t, testid(d, "wallet-told").Length(), 0, "checkout with a wallet to pay with")

	// A week on, it is not news any more.
	ta.now = ta.now.Add(8 * 24 * time.Hour)
	d = html(t, b.get("/wallets").body)
	assertEqual(t, testid(d, "wallets-told").Length(), 0, "My wallets a week on")
}

// boxOrder names the checkout page's ways to pay in page order: "card-section wallet-section".
func boxOrder(body string) string {
	c, w := strings.Index(body, `data-testid="card-section"`), strings.Index(body, `data-testid="wallet-section"`)
	if c < 0 || w < 0 {
		return fmt.Sprintf("a box missing (card at %d, wallets at %d)", c, w)
	}
	if c < w {
		return "card-section wallet-section"
	}
	return "wallet-section card-section"
}
