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
// tab, the wallet app) — then what is left on the page, as a removed
// kept card's notice does (the one ended-method notice): another wallet
// while one is offered, linking it again, or paying by card — only the
// card when the wallets box under it says the wallets can be linked
// again, so that it is said once — never only "is no longer linked"
// (it said "Pick another or link it again.", nothing of the card). The
// wallet is named whole, as its button was; what the words offer is on
// the page; and the "Choose your wallet" picker it offers to link it
// again starts on that wallet's brand, not on the first one.
func TestPayWithAnEndedWalletSaysWhoEndedItAndWhen(t *testing.T) {
	ta := newAdminApp(t)
	ctx := context.Background()
	when := lang.For(lang.English).Date(ta.now)
	staff := ta.client(t)
	staff.staffSignIn()
	for _, tt := range []struct {
		name      string
		others    int  // wallets left to pay with
		toldBelow bool // a wallet ended in the wallet app is told under the notice
		end       func(b *browserClient, wallet int64)
		want      string
	}{
		{"unlinked by the shop", 0, false, func(_ *browserClient, w int64) {
			if p := staff.confirm(fmt.Sprintf("/admin/wallets/%d/unlink", w), nil); p.status != 303 {
				t.Fatalf("staff's unlink answered %d:\n%s", p.status, p.body)
			}
		}, "The shop unlinked GCash 0917****301 on " + when + ", so it can no longer be used here. Link it again, or pay by card on this page."},
		{"unlinked by the buyer in another tab", 1, false, func(b *browserClient, w int64) {
			if p := b.post(fmt.Sprintf("/wallets/%d/unlink", w), confirmYes); p.status != 303 {
				t.Fatalf("the buyer's unlink answered %d:\n%s", p.status, p.body)
			}
		}, "You unlinked GCash 0917****302 on " + when + ", so it can no longer be used here. Pick another wallet, link it again, or pay by card on this page."},
		{"cancelled in the wallet app", 0, false, func(_ *browserClient, w int64) {
			if ok, err := ta.DB.EndWallet(ctx, w, []string{db.WalletActive}, db.WalletCanceled, "TOKEN_CANCELED", ta.now); err != nil || !ok {
				t.Fatalf("cancel: %v %v", ok, err)
			}
		}, "Your link to GCash 0917****303 was cancelled in the wallet app on " + when + ", so it can no longer be used here. Link it again, or pay by card on this page."},
		{"unlinked by the shop over a wallet told", 0, true, func(_ *browserClient, w int64) {
			if p := staff.confirm(fmt.Sprintf("/admin/wallets/%d/unlink", w), nil); p.status != 303 {
				t.Fatalf("staff's unlink answered %d:\n%s", p.status, p.body)
			}
		}, "The shop unlinked GCash 0917****304 on " + when + ", so it can no longer be used here. You can pay by card on this page."},
	} {
		b := ta.client(t)
		email := strings.ReplaceAll(tt.name, " ", "-") + "@example.com"
		b.signUp(email)
		buyer := ta.buyerID(t, email)
		w := ta.insertWallet(t, buyer, accountIn(tt.want))
		var others []int64
		for i := range tt.others {
			others = append(others, ta.insertWallet(t, buyer, fmt.Sprintf("0917****9%02d", i)))
		}
		if tt.toldBelow {
			told := ta.insertWallet(t, buyer, "0917****899")
			if ok, err := ta.DB.EndWallet(ctx, told, []string{db.WalletActive}, db.WalletCanceled, "TOKEN_CANCELED", ta.now); err != nil || !ok {
				t.Fatalf("cancel: %v %v", ok, err)
			}
		}
		ref := b.buy("coffee", "1")
		tt.end(b, w)
		ta.Checkout.Wait()
		p := b.refusedAt("/checkout/"+ref, "/checkout/"+ref+"/pay", url.Values{"wallet": {itoa(w)}}, tt.want)
		d := html(t, p.body)
		errs := testid(d, "pay-error")
		assertEqual(t, errs.Length(), 1, tt.name+": notices")
		assertEqual(t, errs.ParentsFiltered(`[data-testid="wallet-section"]`).Length(), 1, tt.name+": the notice is in the wallets box")
		assertEqual(t, asRead(strings.TrimSpace(errs.Text())), asRead(tt.want), tt.name+": the refusal")
		assertEqual(t, errs.Find(".pay-name").Text()+" "+errs.Find(".pay-account").Last().Text(), "GCash "+accountIn(tt.want), tt.name+": the wallet named")
		// What the words offer is on the page.
		assertEqual(t, testid(d, "pay-wallet-"+itoa(w)).Length(), 0, tt.name+": the ended wallet still offered")
		for _, o := range others {
			assertEqual(t, testid(d, "pay-wallet-"+itoa(o)).Length(), 1, tt.name+": another wallet offered")
		}
		assertEqual(t, d.Find("#link-wallet").Length(), 1, tt.name+": a way to link it again")
		assertEqual(t, testid(d, "card-section").Length(), 1, tt.name+": a way to pay by card")
		if box := spaces(testid(d, "wallet-section").Text()); strings.Contains(box, "again below.") != tt.toldBelow {
			t.Errorf("%s: the wallets box under the notice says linking again below: %v, want %v: %q", tt.name, !tt.toldBelow, tt.toldBelow, box)
		}
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
