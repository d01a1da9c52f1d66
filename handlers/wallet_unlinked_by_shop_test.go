package handlers

import (
	"fmt"
	"net/url"
	"testing"

	"antom-checkout/lang"
)

// A wallet staff unlink at /admin/wallets does not vanish from its
// buyer's pages: My wallets (and an empty wallets box at checkout) say
// "The shop unlinked GCash … on <date>", in the page's language, and the
// page where it was linked says who unlinked it. Before, it simply
// vanished, as a wallet the buyer unlinked does (whose words stay "no
// wallet is linked any more").
func TestWalletUnlinkedByTheShopIsToldToItsBuyer(t *testing.T) {
	ta := newAdminApp(t)
	b := ta.client(t)
	const email = "shop-unlinked@example.com"
	b.signUp(email)
	buyer := ta.buyerID(t, email)
	ref := b.buy("coffee", "1")
	wallet := ta.insertWallet(t, buyer, "0905****009")

	staff := ta.client(t)
	staff.staffSignIn()
	if p := staff.confirm(fmt.Sprintf("/admin/wallets/%d/unlink", wallet), nil); p.status != 303 {
		t.Fatalf("staff's unlink answered %d:\n%s", p.status, p.body)
	}
	ta.Checkout.Wait()

	when := asRead(lang.For(lang.English).Date(ta.now))
	told := "The shop unlinked GCash 0905****009 on " + when + ", so it can no longer be used here."
	const again = "\nYou can link it again below."
	assertEqual(t, paragraphsOf(t, html(t, b.get("/wallets").body), "no-wallets"), told+again, "My wallets")
	assertEqual(t, paragraphsOf(t, html(t, b.get("/checkout/"+ref).body), "no-wallets"), told+again, "checkout's wallets box")

	b.post("/lang", url.Values{"lang": {"zh-Hans"}, "next": {"/wallets"}})
	chinese, _ := lang.ByCode("zh-Hans")
	assertEqual(t, paragraphsOf(t, html(t, b.get("/wallets").body), "no-wallets"),
		"商家已于 "+lang.For(chinese).Date(ta.now)+" 解除绑定 GCash 0905****009，它已不能在此使用。\n您可以在下方重新绑定。", "My wallets in Chinese")

	// The buyer's own unlink keeps its words.
	own := ta.insertWallet(t, buyer, "0905****010")
	b.post("/lang", url.Values{"lang": {"en"}, "next": {"/wallets"}})
	if p := b.post(fmt.Sprintf("/wallets/%d/unlink", own), confirmYes); p.status != 303 {
		t.Fatalf("the buyer's unlink answered %d:\n%s", p.status, p.body)
	}
	ta.Checkout.Wait()
	d := html(t, b.get("/wallets").body)
	assertEqual(t, testid(d, "wallet-row").Length(), 0, "wallets linked once the buyer unlinked their own")
	assertEqual(t, testid(d, "wallet-told").Length(), 1, "wallets told once the buyer unlinked their own")
	assertEqual(t, textOf(t, d, "wallet-told"), told, "still the shop's, not the buyer's own")
}
