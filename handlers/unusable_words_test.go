package handlers

import (
	"context"
	"net/url"
	"strings"
	"testing"

	"antom-checkout/db"
	"antom-checkout/lang"
)

// A wallet or kept card removed since the checkout page was shown (by
// staff, or in another tab) is refused, and the checkout page says why in
// words that match what it still offers: "pick another" only when
// another of its kind is left; the last wallet gone, link it again or pay
// by card — never "pick another" above "No wallets linked yet". A wallet
// whose unlink is under way is named as being unlinked, as the wallets
// box under the notice tells it ("GCash … is being unlinked"), as a reload does.
func TestRemovedWalletOrCardSaysWhatIsLeft(t *testing.T) {
	ta := newTestApp(t)
	ctx := context.Background()
	unlink := func(id int64) {
		t.Helper()
		if ok, err := ta.DB.EndWallet(ctx, id, []string{db.WalletActive}, db.WalletRevoking, "unlinked by staff", ta.now); err != nil || !ok {
			t.Fatalf("unlink: %v %v", ok, err)
		}
	}
	remove := func(id int64) {
		t.Helper()
		if ok, err := ta.DB.RemoveCard(ctx, id, "staff admin@example.com", ta.now); err != nil || !ok {
			t.Fatalf("remove card: %v %v", ok, err)
		}
	}
	errorOf := func(p page) string {
		t.Helper()
		errs := testid(html(t, p.body), "pay-error")
		assertEqual(t, errs.Length(), 1, "errors shown")
		return strings.TrimSpace(errs.Text())
	}

	// The only wallet: no other to pick.
	only := ta.client(t)
	only.signUp("only-wallet@example.com")
	w := ta.insertWallet(t, ta.buyerID(t, "only-wallet@example.com"), "0917****001")
	ref := only.buy("coffee", "1")
	unlink(w)
	p := only.refusedAt("/checkout/"+ref, "/checkout/"+ref+"/pay", url.Values{"wallet": {itoa(w)}}, "is being unlinked, so it can no longer be used here.")
	assertEqual(t, errorOf(p), "GCash 0917****001 is being unlinked, so it can no longer be used here. Link it again, or pay by card on this page.", "the last wallet gone")
	// The notice named it and said what to do: the box under it does not
	// say it again ("… is being unlinked: it can no longer be used here.").
	assertEqual(t, testid(html(t, p.body), "no-wallets").Length(), 0, "the empty box's words under the notice")

	// One of two wallets: the other is there to pick.
	two := ta.client(t)
	two.signUp("two-wallets@example.com")
	first := ta.insertWallet(t, ta.buyerID(t, "two-wallets@example.com"), "0917****002")
	ta.insertWallet(t, ta.buyerID(t, "two-wallets@example.com"), "0917****003")
	ref = two.buy("coffee", "1")
	unlink(first)
	p = two.refusedAt("/checkout/"+ref, "/checkout/"+ref+"/pay", url.Values{"wallet": {itoa(first)}}, "is being unlinked, so it can no longer be used here.")
	assertEqual(t, errorOf(p), "GCash 0917****002 is being unlinked, so it can no longer be used here. Pick another wallet, link it again, or pay by card on this page.", "one of two wallets gone")

	// One of two kept cards: the other is there to pick.
	cards := ta.client(t)
	cards.signUp("two-cards@example.com")
	card := ta.keepCard(t, "two-cards@example.com")
	if err := ta.DB.KeepCard(ctx, db.Card{BuyerID: ta.buyerID(t, "two-cards@example.com"), TokenSealed: []byte("sealed"), TokenHash: "card-other",
		Brand: "MASTERCARD", Last4: "4444", ExpiryMonth: "12", ExpiryYear: "30", CreatedAt: ta.now}); err != nil {
		t.Fatal(err)
	}
	ref = cards.buy("mug", "1")
	remove(card)
	told := "The shop removed Visa •••• 4242 from your kept cards on " + lang.For(lang.English).Date(ta.now) + ", so it can no longer be used here."
	p = cards.refusedAt("/checkout/"+ref, "/checkout/"+ref+"/card", url.Values{"card": {itoa(card)}}, told)
	assertEqual(t, errorOf(p), told+" Pick another card, pay with a new card, or pay another way on this page.", "one of two cards gone")
	assertEqual(t, testid(html(t, p.body), "card-section").Find(`[data-testid^="pay-card-"]`).Length(), 1, "kept cards left")
	assertEqual(t, ta.count(t, "SELECT COUNT(*) FROM payment_attempts"), 0, "attempts made")
}
