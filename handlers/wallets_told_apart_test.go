package handlers

import (
	"context"
	"net/url"
	"strings"
	"testing"

	"antom-checkout/db"
	"antom-checkout/lang"
)

// My wallets tells each wallet not linked again in a paragraph of its
// own — Thai writes no full stop between sentences, and two run together
// read as one — and says once, under them all, that they can be linked
// again ("You can link them again below."), never once per wallet; the
// same in the empty wallets box at checkout and beside a linked wallet.
// Each wallet's name and masked account are kept whole (.pay-name,
// .pay-account), as on its button.
func TestWalletsToldEachApartAndLinkAgainOnce(t *testing.T) {
	ta := newTestApp(t)
	ctx := context.Background()
	b := ta.client(t)
	const email = "told-apart@example.com"
	b.signUp(email)
	buyer := ta.buyerID(t, email)
	ref := b.buy("coffee", "1")
	for _, login := range []string{"0917****111", "0917****222"} {
		w := ta.insertWallet(t, buyer, login)
		if ok, err := ta.DB.EndWallet(ctx, w, []string{db.WalletActive}, db.WalletCanceled, "cancelled in the wallet", ta.now); err != nil || !ok {
			t.Fatalf("cancel: %v %v", ok, err)
		}
	}
	for _, l := range []string{"en", "th"} {
		b.post("/lang", url.Values{"lang": {l}, "next": {"/wallets"}})
		code, _ := lang.ByCode(l)
		say := lang.For(code)
		for _, path := range []string{"/wallets", "/checkout/" + ref} {
			d := html(t, b.get(path).body)
			lines := strings.Split(paragraphsOf(t, d, "no-wallets"), "\n")
			want := []string{
				say.T("wallets.cancelled", lang.Args{"Wallet": "GCash 0917****222", "When": asRead(say.Date(ta.now))}),
				say.T("wallets.cancelled", lang.Args{"Wallet": "GCash 0917****111", "When": asRead(say.Date(ta.now))}),
				say.T("wallets.link_again_several"),
			}
			assertEqual(t, strings.Join(lines, "\n"), strings.Join(want, "\n"), l+" "+path+": a paragraph each, linking again once")
			told := testid(d, "wallet-told")
			assertEqual(t, told.Length(), 2, l+" "+path+": wallets told")
			assertEqual(t, told.Find(".pay-account").First().Text(), "0917****222", l+" "+path+": the account in its box")
			assertEqual(t, told.Find(".pay-name").First().Text(), "GCash", l+" "+path+": the name in its box")
		}
	}
	assertEqual(t, lang.For(lang.English).T("wallets.link_again_several"), "You can link them again below.", "English for several")

	// One wallet: "it", once.
	if _, err := ta.DB.InsertWallet(ctx, db.Wallet{BuyerID: buyer, Wallet: "GCASH", UserLoginID: "0917****222", AccessTokenSealed: []byte("sealed"),
		AccessTokenHash: "hash-again", Status: db.WalletActive, LinkedAt: ta.now}); err != nil { // linked again: no longer told
		t.Fatal(err)
	}
	b.post("/lang", url.Values{"lang": {"en"}, "next": {"/wallets"}})
	d := html(t, b.get("/wallets").body)
	assertEqual(t, paragraphsOf(t, d, "wallets-told"), "Your link to GCash 0917****111 was cancelled in the wallet app on "+asRead(lang.For(lang.English).Date(ta.now))+
		", so it can no longer be used here.\nYou can link it again below.", "My wallets beside the linked one")
}
