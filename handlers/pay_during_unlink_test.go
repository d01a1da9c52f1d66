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
// unlinked (not "no longer linked"), said once — by the refusal, which
// says what to do, not again in the wallets box under it — and the box
// still tells the other wallet by name (cancelled in the wallet app),
// never "No wallet is linked any more"; that both can be linked again is
// said once, under them ("You can link them again below."). A reload
// tells both.
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
		"GCash 0917****123 is being unlinked, so it can no longer be used here. You can pay by card on this page.", "the refusal's notice")
	reload := html(t, b.get("/checkout/"+ref).body)
	assertEqual(t, testid(reload, "pay-error").Length(), 0, "the notice on a reload")
	want := told(reload)
	if len(want) != 2 || !strings.HasPrefix(want[0], "wallets.unlinking: GCash 0917****123 is being unlinked:") || !strings.HasPrefix(want[1], "wallets.cancelled: Your link to DANA 0812****456") {
		t.Fatalf("a reload tells %q", want)
	}
	assertEqual(t, strings.Join(told(refused), "\n"), want[1], "the refusal's wallets box: the other wallet, as a reload's")
	assertEqual(t, strings.Count(testid(refused, "wallet-section").Text(), "0917****123"), 1, "the refused wallet named in the wallets box")
	assertEqual(t, strings.Contains(testid(refused, "no-wallets").Text(), "any more"), false, `"any more" under the refusal`)
	// Linking again is said once, of both wallets: not "Link it again"
	// in the notice and "You can link it again below." of DANA under it,
	// whose "it" reads as the nearer wallet.
	assertEqual(t, testid(refused, "wallets-link-again").Text(), "You can link them again below.", "linking again, under the wallets told")
	assertEqual(t, strings.Count(testid(refused, "pay-error").Text()+testid(refused, "no-wallets").Text(), "again"), 1, `"again" in the notice and the box`)
	assertEqual(t, ta.count(t, "SELECT COUNT(*) FROM payment_attempts"), 0, "attempts made")
}
