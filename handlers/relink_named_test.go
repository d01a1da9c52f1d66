package handlers

import (
	"context"
	"strings"
	"testing"

	"antom-checkout/db"
	"antom-checkout/lang"
)

// A wallet payment refused because the buyer unlinked the wallet in the
// wallet app (INVALID_ACCESS_TOKEN, the shop not told) is named by the
// result page and by the checkout page *Pay another way* leads to, with
// its masked account: never "This wallet", which read as whichever
// wallet the box tells next. The checkout's wallets box tells the other
// wallets under it, not the refused one again, and says that they can be
// linked again once ("You can link them again below."), not "Link it
// again" above as well; the wallet picker starts on the refused wallet.
// With no other wallet told, the notice says how to go on itself, and
// the box under it says nothing more.
func TestARefusedWalletIsNamedAfterPayAnotherWay(t *testing.T) {
	for _, other := range []bool{true, false} {
		ta := newTestApp(t)
		ctx := context.Background()
		b := ta.client(t)
		const email = "relink-named@example.com"
		b.signUp(email)
		buyer := ta.buyerID(t, email)
		ref := b.buy("coffee", "1")
		if other {
			dana, err := ta.DB.InsertWallet(ctx, db.Wallet{BuyerID: buyer, Wallet: "DANA", UserLoginID: "0812****456", AccessTokenSealed: []byte("sealed"),
				AccessTokenHash: "hash-dana", Status: db.WalletActive, LinkedAt: ta.now})
			if err != nil {
				t.Fatal(err)
			}
			if ok, err := ta.DB.EndWallet(ctx, dana, []string{db.WalletActive}, db.WalletCanceled, "cancelled in the wallet", ta.now); err != nil || !ok {
				t.Fatalf("cancel: %v %v", ok, err)
			}
		}
		gcash := ta.insertWallet(t, buyer, "0917****123")
		ta.settle(t, ref, ta.openAttempt(t, ref, gcash), db.AttemptFail, "INVALID_ACCESS_TOKEN", "")
		if ok, err := ta.DB.EndWallet(ctx, gcash, []string{db.WalletActive}, db.WalletInvalid, "Antom: INVALID_ACCESS_TOKEN; link again", ta.now); err != nil || !ok {
			t.Fatalf("invalid: %v %v", ok, err)
		}

		result := html(t, b.get("/orders/"+ref).body)
		assertEqual(t, textOf(t, result, "result-detail"),
			"GCash 0917****123 is no longer linked. Nothing was charged. Link it again to pay with it.", "the result page's words")

		page := html(t, b.get("/checkout/"+ref).body)
		box := testid(page, "wallet-section")
		assertEqual(t, strings.Count(box.Text(), "0917****123"), 1, "the refused wallet named in the wallets box")
		assertEqual(t, box.Find(`input[name=wallet][value=GCASH]`).AttrOr("checked", "no"), "", "the picker on the refused wallet")
		assertEqual(t, box.Find(`input[name=wallet][checked]`).Length(), 1, "wallets picked")
		notice := textOf(t, page, "last-attempt")
		if !other {
			assertEqual(t, notice, "Your last payment did not go through. GCash 0917****123 is no longer linked. Nothing was charged. Link it again to pay with it.", "the notice, alone")
			assertEqual(t, strings.TrimSpace(testid(page, "no-wallets").Text()), "", "the box under the notice")
			continue
		}
		assertEqual(t, notice, "Your last payment did not go through. GCash 0917****123 is no longer linked. Nothing was charged.", "the notice, over another wallet")
		assertEqual(t, paragraphsOf(t, page, "no-wallets"),
			"Your link to DANA 0812****456 was cancelled in the wallet app on "+asRead(lang.For(lang.English).Date(ta.now))+", so it can no longer be used here.\nYou can link them again below.",
			"the box under the notice")
		assertEqual(t, strings.Count(notice+testid(page, "no-wallets").Text(), "again"), 1, `"again" in the notice and the box`)
	}
}
