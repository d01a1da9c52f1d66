package handlers

import (
	"context"
	"net/url"
	"strings"
	"testing"

	"antom-checkout/db"
)

// Two tabs of one signed-in browser on one order's checkout page each
// have their pay refused, for reasons of their own (a wallet, a card no
// longer usable): each tab's page says its own reason, whichever is
// shown first, and never the other's. A third tab opening the checkout
// page meanwhile takes neither, nor does the order's result page given
// one's token; a reload says nothing again, and a made-up token nothing
// at all.
func TestRefusedPaysInTwoTabsOfOneCheckoutEachSayTheirOwn(t *testing.T) {
	ta := newTestApp(t)
	b := ta.client(t)
	const email = "checkout-tabs@example.com"
	b.signUp(email)
	ref := b.buy("coffee", "1")
	checkoutAt := "/checkout/" + ref
	ctx := context.Background()
	walletID, cardID := ta.insertWallet(t, ta.buyerID(t, email), "0917****123"), ta.keepCard(t, email)
	if ok, err := ta.DB.EndWallet(ctx, walletID, []string{db.WalletActive}, db.WalletRevoking, "unlinked by buyer", ta.now); err != nil || !ok {
		t.Fatalf("unlink: %v %v", ok, err)
	}
	if ok, err := ta.DB.RemoveCard(ctx, cardID, "buyer "+email, ta.now); err != nil || !ok {
		t.Fatalf("remove card: %v %v", ok, err)
	}

	byWallet := b.post(checkoutAt+"/pay", url.Values{"wallet": {itoa(walletID)}})
	byCard := b.post(checkoutAt+"/card", url.Values{"card": {itoa(cardID)}})
	for _, p := range []page{byWallet, byCard} {
		if path, _, _ := strings.Cut(p.location, "?"); path != checkoutAt || p.location == checkoutAt {
			t.Fatalf("a refused pay answered %d %q, want 303 to %s naming its notice:\n%s", p.status, p.location, checkoutAt, p.body)
		}
	}
	problems := func(body string) string { return strings.TrimSpace(testid(html(t, body), "pay-error").Text()) }
	assertEqual(t, problems(b.get(checkoutAt).body), "", "a third tab's checkout page")
	assertEqual(t, problems(b.get(checkoutAt+"?notice=MADEUPTOKEN").body), "", "a made-up token's page")

	// The order's result page, given the card tab's token, neither shows
	// that notice nor uses it up: it is the checkout page's.
	_, token, _ := strings.Cut(byCard.location, "?")
	result := b.get("/orders/" + ref + "?" + token)
	assertEqual(t, result.status, 200, "the result page")
	assertEqual(t, testid(html(t, result.body), "result-notice").Length(), 0, "notices on the result page")

	// The card tab's page first: the wallet's refusal is not its news.
	card := problems(b.get(byCard.location).body)
	if !strings.HasPrefix(card, "You removed Visa •••• 4242 from your kept cards on ") {
		t.Fatalf("the card tab's page says %q", card)
	}
	wallet := problems(b.get(byWallet.location).body)
	if !strings.Contains(wallet, "GCash 0917****123 is being unlinked, so it can no longer be used here.") {
		t.Fatalf("the wallet tab's page says %q", wallet)
	}
	for _, p := range []page{byWallet, byCard} {
		assertEqual(t, problems(b.get(p.location).body), "", "reloaded "+p.location)
	}
}
