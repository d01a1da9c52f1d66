package handlers

import (
	"context"
	"fmt"
	"net/url"
	"strings"
	"testing"

	"antom-checkout/db"
	"antom-checkout/lang"
)

// A pay button left on a checkout page from before, pressed after its
// wallet was unlinked and the same account linked again (or its kept
// card removed and the same card kept again: a new kept card, with a
// token of its own), in another tab: the refusal says who ended it and
// when, that it was linked (kept) again since, and to pay with it below —
// where its new button reads as the old one did — never "it can no
// longer be used here. Pick another wallet, link it again, …" above
// "Pay with GCash 0917****123". Nothing is sent.
func TestPayWithAnEndedMethodLinkedAgainSaysPayWithItBelow(t *testing.T) {
	ta := newAdminApp(t)
	ctx := context.Background()
	when := lang.For(lang.English).Date(ta.now)
	staff := ta.client(t)
	staff.staffSignIn()
	// link links GCash 0917****123 for buyer, a token of its own (hash).
	link := func(buyer int64, hash string) int64 {
		id, err := ta.DB.InsertWallet(ctx, db.Wallet{BuyerID: buyer, Wallet: "GCASH", UserLoginID: "0917****123", AccessTokenSealed: []byte("sealed"),
			AccessTokenHash: hash, Status: db.WalletActive, LinkedAt: ta.now})
		if err != nil {
			t.Fatal(err)
		}
		return id
	}
	for _, tt := range []struct {
		name string
		card bool // a kept card, else a wallet
		end  func(b *browserClient, id int64)
		want string
	}{
		{"wallet unlinked by the buyer in another tab", false, func(b *browserClient, w int64) {
			if p := b.post(fmt.Sprintf("/wallets/%d/unlink", w), confirmYes); p.status != 303 {
				t.Fatalf("the buyer's unlink answered %d:\n%s", p.status, p.body)
			}
		}, "You unlinked GCash 0917****123 on " + when + " and have linked it again since. Pay with it below."},
		{"wallet unlinked by the shop", false, func(_ *browserClient, w int64) {
			if p := staff.confirm(fmt.Sprintf("/admin/wallets/%d/unlink", w), nil); p.status != 303 {
				t.Fatalf("staff's unlink answered %d:\n%s", p.status, p.body)
			}
		}, "The shop unlinked GCash 0917****123 on " + when + ", and you have linked it again since. Pay with it below."},
		{"wallet cancelled in the wallet app", false, func(_ *browserClient, w int64) {
			if ok, err := ta.DB.EndWallet(ctx, w, []string{db.WalletActive}, db.WalletCanceled, "TOKEN_CANCELED", ta.now); err != nil || !ok {
				t.Fatalf("cancel: %v %v", ok, err)
			}
		}, "Your link to GCash 0917****123 was cancelled in the wallet app on " + when + ", and you have linked it again since. Pay with it below."},
		{"card removed by the buyer in another tab", true, func(b *browserClient, card int64) {
			if p := b.post(fmt.Sprintf("/cards/%d/remove", card), confirmYes); p.status != 303 {
				t.Fatalf("the buyer's remove answered %d:\n%s", p.status, p.body)
			}
		}, "You removed Visa •••• 4242 from your kept cards on " + when + " and have kept it again since. Pay with it below."},
		{"card removed by the shop", true, func(_ *browserClient, card int64) {
			if p := staff.confirm(fmt.Sprintf("/admin/cards/%d/remove", card), nil); p.status != 303 {
				t.Fatalf("staff's remove answered %d:\n%s", p.status, p.body)
			}
		}, "The shop removed Visa •••• 4242 from your kept cards on " + when + ", and you have kept it again since. Pay with it below."},
	} {
		b := ta.client(t)
		email := strings.ReplaceAll(tt.name, " ", "-") + "@example.com"
		b.signUp(email)
		buyer := ta.buyerID(t, email)
		kind, path, box := "wallet", "/pay", "wallet-section"
		var old int64
		if tt.card {
			kind, path, box = "card", "/card", "card-section"
			old = ta.keepCard(t, email)
		} else {
			old = link(buyer, "first-"+email)
		}
		ref := b.buy("coffee", "1")
		if testid(html(t, b.get("/checkout/"+ref).body), "pay-"+kind+"-"+itoa(old)).Length() != 1 {
			t.Fatalf("%s: the %s is not offered", tt.name, kind)
		}
		tt.end(b, old)
		ta.Checkout.Wait()
		// The same one again, in another tab: a link (a kept card) of its own.
		var again int64
		if tt.card {
			if err := ta.DB.KeepCard(ctx, db.Card{BuyerID: buyer, TokenSealed: []byte("sealed"), TokenHash: "again-" + email,
				Brand: "VISA", Last4: "4242", ExpiryMonth: "12", ExpiryYear: "30", CreatedAt: ta.now}); err != nil {
				t.Fatal(err)
			}
			cs, err := ta.DB.BuyerCards(ctx, buyer, db.CardActive)
			if err != nil || len(cs) != 1 {
				t.Fatalf("%s: kept cards %+v %v", tt.name, cs, err)
			}
			again = cs[0].ID
		} else {
			again = link(buyer, "again-"+email)
		}
		p := b.refusedAt("/checkout/"+ref, "/checkout/"+ref+path, url.Values{kind: {itoa(old)}}, tt.want)
		d := html(t, p.body)
		errs := testid(d, "pay-error")
		assertEqual(t, errs.Length(), 1, tt.name+": notices")
		assertEqual(t, errs.ParentsFiltered(`[data-testid="`+box+`"]`).Length(), 1, tt.name+": the notice's box")
		assertEqual(t, asRead(strings.TrimSpace(errs.Text())), asRead(tt.want), tt.name+": the refusal")
		// "Pay with it below": its new button is on the page, reading as
		// the old one did, under the notice.
		assertEqual(t, testid(d, "pay-"+kind+"-"+itoa(old)).Length(), 0, tt.name+": the ended one still offered")
		button := testid(d, "pay-"+kind+"-"+itoa(again))
		assertEqual(t, button.Length(), 1, tt.name+": the new one offered")
		assertEqual(t, button.ParentsFiltered(`[data-testid="`+box+`"]`).Length(), 1, tt.name+": the new one's box")
		named := errs.Find(".pay-name").Text() + " " + errs.Find(".pay-account").Last().Text()
		if got := spaces(button.Text()); !strings.Contains(got, named) {
			t.Errorf("%s: the new button reads %q, not naming %q as the notice does", tt.name, got, named)
		}
		if box := spaces(testid(d, box).Text()); strings.Index(box, "Pay with it below.") > strings.Index(box, "Pay with "+named) {
			t.Errorf("%s: its button is not below the notice: %q", tt.name, box)
		}
		assertEqual(t, ta.count(t, "SELECT COUNT(*) FROM payment_attempts WHERE order_id = ?", ta.order(t, ref).ID), 0, tt.name+": payments sent")
	}
}
