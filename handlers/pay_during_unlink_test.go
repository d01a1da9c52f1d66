package handlers

import (
	"context"
	"net/url"
	"strings"
	"testing"

	"github.com/PuerkitoBio/goquery"

	"antom-checkout/db"
)

// A one-click pay pressed on a checkout page left open while its wallet
// is being unlinked (in another tab) is refused, and the page the buyer
// lands on tells the same truth as a reload: the wallet is being
// unlinked (not "no longer linked"), and the wallets box still tells
// every wallet by name — the one being unlinked and another cancelled in
// the wallet app — never "No wallet is linked any more".
func TestPayDuringAnUnlinkTellsWhatAReloadTells(t *testing.T) {
	ta := newTestApp(t)
	ctx := context.Background()
	b := ta.client(t)
	const email = "pay-during-unlink@example.com"
	b.signUp(email)
	buyer := ta.buyerID(t, email)
	ref := b.buy("coffee", "1")
	dana, err := ta.DB.InsertWallet(ctx, db.Wallet{BuyerID: buyer, Wallet: "DANA", UserLoginID: "0812****456", AccessTokenSealed: []byte("sealed"),
		AccessTokenHash: "hash-dana", Status: db.WalletActive, LinkedAt: ta.now})
	if err != nil {
		t.Fatal(err)
	}
	if ok, err := ta.DB.EndWallet(ctx, dana, []string{db.WalletActive}, db.WalletCanceled, "cancelled in the wallet", ta.now); err != nil || !ok {
		t.Fatalf("cancel: %v %v", ok, err)
	}
	gcash := ta.insertWallet(t, buyer, "0917****123")
	if ok, err := ta.DB.StartRevoke(ctx, gcash, ta.now); err != nil || !ok {
		t.Fatalf("start revoke: %v %v", ok, err)
	}
	told := func(d *goquery.Document) []string {
		var out []string
		testid(d, "wallet-told").Each(func(_ int, s *goquery.Selection) { out = append(out, s.AttrOr("data-told", "")+": "+s.Text()) })
		return out
	}

	p := b.refusedAt("/checkout/"+ref, "/checkout/"+ref+"/pay", url.Values{"wallet": {itoa(gcash)}}, "is being unlinked, so")
	refused := html(t, p.body)
	assertEqual(t, strings.TrimSpace(textOf(t, refused, "pay-error")),
		"GCash 0917****123 is being unlinked, so it can no longer be used here. Link it again or pay by card.", "the refusal's notice")
	reload := html(t, b.get("/checkout/"+ref).body)
	assertEqual(t, testid(reload, "pay-error").Length(), 0, "the notice on a reload")
	want := told(reload)
	if len(want) != 2 || !strings.HasPrefix(want[0], "wallets.unlinking: GCash 0917****123 is being unlinked:") || !strings.HasPrefix(want[1], "wallets.cancelled: Your link to DANA 0812****456") {
		t.Fatalf("a reload tells %q", want)
	}
	assertEqual(t, strings.Join(told(refused), "\n"), strings.Join(want, "\n"), "the refusal's wallets box, as a reload's")
	assertEqual(t, textOf(t, refused, "no-wallets"), textOf(t, reload, "no-wallets"), "the refusal's wallets box words")
	assertEqual(t, ta.count(t, "SELECT COUNT(*) FROM payment_attempts"), 0, "attempts made")
}
