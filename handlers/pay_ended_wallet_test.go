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
// wallet's link ended: the refusal says what the page says after a
// reload — who ended the link and when (the shop, the buyer in another
// tab, the wallet app) — then the way forward, never only "is no longer
// linked"; and the "Choose your wallet" picker it offers to link it
// again starts on that wallet's brand, not on the first one.
func TestPayWithAnEndedWalletSaysWhoEndedItAndWhen(t *testing.T) {
	ta := newAdminApp(t)
	ctx := context.Background()
	when := lang.For(lang.English).Date(ta.now)
	staff := ta.client(t)
	staff.staffSignIn()
	for _, tt := range []struct {
		name   string
		others int // wallets left to pay with
		end    func(b *browserClient, wallet int64)
		want   string
	}{
		{"unlinked by the shop", 0, func(_ *browserClient, w int64) {
			if p := staff.confirm(fmt.Sprintf("/admin/wallets/%d/unlink", w), nil); p.status != 303 {
				t.Fatalf("staff's unlink answered %d:\n%s", p.status, p.body)
			}
		}, "The shop unlinked GCash 0917****301 on " + when + ", so it can no longer be used here. Link it again or pay by card."},
		{"unlinked by the buyer in another tab", 1, func(b *browserClient, w int64) {
			if p := b.post(fmt.Sprintf("/wallets/%d/unlink", w), confirmYes); p.status != 303 {
				t.Fatalf("the buyer's unlink answered %d:\n%s", p.status, p.body)
			}
		}, "You unlinked GCash 0917****302 on " + when + ", so it can no longer be used here. Pick another or link it again."},
		{"cancelled in the wallet app", 0, func(_ *browserClient, w int64) {
			if ok, err := ta.DB.EndWallet(ctx, w, []string{db.WalletActive}, db.WalletCanceled, "TOKEN_CANCELED", ta.now); err != nil || !ok {
				t.Fatalf("cancel: %v %v", ok, err)
			}
		}, "Your link to GCash 0917****303 was cancelled in the wallet app on " + when + ", so it can no longer be used here. Link it again or pay by card."},
	} {
		b := ta.client(t)
		email := strings.ReplaceAll(tt.name, " ", "-") + "@example.com"
		b.signUp(email)
		buyer := ta.buyerID(t, email)
		w := ta.insertWallet(t, buyer, accountIn(tt.want))
		for i := range tt.others {
			ta.insertWallet(t, buyer, fmt.Sprintf("0917****9%02d", i))
		}
		ref := b.buy("coffee", "1")
		tt.end(b, w)
		ta.Checkout.Wait()
		p := b.refusedAt("/checkout/"+ref, "/checkout/"+ref+"/pay", url.Values{"wallet": {itoa(w)}}, tt.want)
		d := html(t, p.body)
		assertEqual(t, asRead(strings.TrimSpace(testid(d, "pay-error").Text())), asRead(tt.want), tt.name+": the refusal")
		assertEqual(t, d.Find(`input[name=wallet][type=radio]:checked`).AttrOr("value", ""), "GCASH", tt.name+": the picker starts on")
		assertEqual(t, ta.count(t, "SELECT COUNT(*) FROM payment_attempts WHERE order_id = ?", ta.order(t, ref).ID), 0, tt.name+": payments sent")
	}
}

// accountIn is the masked GCash account a sentence names ("GCash
// 0917****301 …").
func accountIn(s string) string {
	_, after, _ := strings.Cut(s, "GCash ")
	return strings.Fields(after)[0]
}
