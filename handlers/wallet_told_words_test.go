package handlers

import (
	"context"
	"net/url"
	"strings"
	"testing"

	"antom-checkout/db"
	"antom-checkout/lang"
)

// Whatever became of a buyer's only wallet, the empty wallets box of
// checkout and My wallets says so, never "no wallets linked yet": an
// unlink under way ("GCash 0917****123 is being unlinked"), a wallet unlinked
// ("no wallet is linked any more"), a link Antom no longer accepts (it
// ended, and can be linked again) — in the page's language.
func TestWalletBoxesSayWhatBecameOfTheWallet(t *testing.T) {
	ta := newTestApp(t)
	ctx := context.Background()
	b := ta.client(t)
	const email = "told-words@example.com"
	b.signUp(email)
	buyer := ta.buyerID(t, email)
	ref := b.buy("coffee", "1")
	boxes := func(what string) (checkoutBox, walletsBox string) {
		t.Helper()
		c, w := b.get("/checkout/"+ref), b.get("/wallets")
		for _, p := range []page{c, w} {
			if strings.Contains(p.body, "yet") {
				t.Errorf("%s: %q on a page", what, "yet")
			}
		}
		return paragraphsOf(t, html(t, c.body), "no-wallets"), paragraphsOf(t, html(t, w.body), "no-wallets")
	}

	wallet := ta.insertWallet(t, buyer, "0917****123")
	if ok, err := ta.DB.StartRevoke(ctx, wallet, ta.now); err != nil || !ok {
		t.Fatalf("start revoke: %v %v", ok, err)
	}
	const unlinking = "GCash 0917****123 is being unlinked: it can no longer be used here."
	c, w := boxes("unlinking")
	assertEqual(t, c, unlinking, "checkout while unlinking")
	assertEqual(t, w, unlinking, "My wallets while unlinking")

	if ok, err := ta.DB.EndWallet(ctx, wallet, []string{db.WalletRevoking}, db.WalletRevoked, "revoked", ta.now); err != nil || !ok {
		t.Fatalf("revoked: %v %v", ok, err)
	}
	c, w = boxes("unlinked")
	assertEqual(t, c, "No wallet is linked any more. Link one below, then pay in one click.", "checkout once unlinked")
	assertEqual(t, w, "No wallet is linked any more. Link one below to pay in one click.", "My wallets once unlinked")

	wallet = ta.insertWallet(t, buyer, "0917****456")
	if ok, err := ta.DB.EndWallet(ctx, wallet, []string{db.WalletActive}, db.WalletInvalid, "Antom: INVALID_ACCESS_TOKEN; link again", ta.now); err != nil || !ok {
		t.Fatalf("invalid: %v %v", ok, err)
	}
	ended := "Your link to GCash 0917****456 ended on " + asRead(lang.For(lang.English).Date(ta.now)) +
		": it is no longer valid, so it can no longer be used here.\nYou can link it again below."
	c, w = boxes("no longer valid")
	assertEqual(t, c, ended, "checkout once no longer valid")
	assertEqual(t, w, ended, "My wallets once no longer valid")

	b.post("/lang", url.Values{"lang": {"ko"}, "next": {"/wallets"}})
	korean, _ := lang.ByCode("ko")
	assertEqual(t, paragraphsOf(t, html(t, b.get("/wallets").body), "no-wallets"),
		"GCash 0917****456 연결이 "+asRead(lang.For(korean).Date(ta.now))+"에 종료되었습니다. 더 이상 유효하지 않아 여기에서 사용할 수 없습니다.\n아래에서 다시 연결할 수 있습니다.",
		"My wallets in Korean")
}

// Beside a wallet still linked, an unlink under way of another is told on
// My wallets (above the list) and not at checkout, which offers the
// linked one only — as for a link cancelled in the wallet app
// (TestWalletCancelledByTheWalletSideIsTold): checkout's box tells by
// name only when it has no wallet to pay with (walletTelling's doc).
func TestUnlinkUnderWayBesideALinkedWalletIsToldOnMyWalletsOnly(t *testing.T) {
	ta := newTestApp(t)
	b := ta.client(t)
	const email = "told-beside@example.com"
	b.signUp(email)
	buyer := ta.buyerID(t, email)
	ref := b.buy("coffee", "1")
	going, staying := ta.insertWallet(t, buyer, "0917****123"), ta.insertWallet(t, buyer, "0917****456")
	if ok, err := ta.DB.StartRevoke(context.Background(), going, ta.now); err != nil || !ok {
		t.Fatalf("start revoke: %v %v", ok, err)
	}

	d := html(t, b.get("/wallets").body)
	assertEqual(t, textOf(t, d, "wallets-told"), "GCash 0917****123 is being unlinked: it can no longer be used here.", "My wallets")
	assertEqual(t, d.Find(`[data-testid="wallet-row"]`).Length(), 1, "wallets listed")

	d = html(t, b.get("/checkout/"+ref).body)
	assertEqual(t, testid(d, "wallet-told").Length(), 0, "wallets told at checkout")
	assertEqual(t, testid(d, "pay-wallet-"+itoa(staying)).Length(), 1, "the linked wallet's button")
	assertEqual(t, testid(d, "pay-wallet-"+itoa(going)).Length(), 0, "the unlinking wallet's button")
}
