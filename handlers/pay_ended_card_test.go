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

// A buyer who presses "pay with this kept card" on a checkout page shown
// before the card was removed (by the buyer in another tab, or by
// staff) reads which card — as its button named it, "Visa •••• 4242",
// never more of its number —, who removed it and when, and what is left
// to do on the page: another kept card while one is offered, a new card,
// or another way to pay (the wallets box). Nothing is sent.
func TestPayWithARemovedCardNamesItAndWhatIsLeft(t *testing.T) {
	ta := newAdminApp(t)
	when := lang.For(lang.English).Date(ta.now)
	staff := ta.client(t)
	staff.staffSignIn()
	for _, tt := range []struct {
		name   string
		others bool // another kept card is left to pay with
		end    func(b *browserClient, card int64)
		want   string
	}{
		{"removed by the shop", false, func(_ *browserClient, card int64) {
			if p := staff.confirm(fmt.Sprintf("/admin/cards/%d/remove", card), nil); p.status != 303 {
				t.Fatalf("staff's remove answered %d:\n%s", p.status, p.body)
			}
		}, "The shop removed Visa •••• 4242 from your kept cards on " + when + ", so it can no longer be used here. Pay by card, or pay another way on this page."},
		{"removed by the buyer in another tab", true, func(b *browserClient, card int64) {
			if p := b.post(fmt.Sprintf("/cards/%d/remove", card), confirmYes); p.status != 303 {
				t.Fatalf("the buyer's remove answered %d:\n%s", p.status, p.body)
			}
		}, "You removed Visa •••• 4242 from your kept cards on " + when + ", so it can no longer be used here. Pick another card, pay with a new card, or pay another way on this page."},
	} {
		b := ta.client(t)
		email := strings.ReplaceAll(tt.name, " ", "-") + "@example.com"
		b.signUp(email)
		if tt.others {
			if err := ta.DB.KeepCard(context.Background(), db.Card{BuyerID: ta.buyerID(t, email), TokenSealed: []byte("sealed"), TokenHash: "other-" + email,
				Brand: "MASTERCARD", Last4: "5100", ExpiryMonth: "01", ExpiryYear: "31", CreatedAt: ta.now}); err != nil {
				t.Fatal(err)
			}
		}
		card := ta.keepCard(t, email)
		ref := b.buy("coffee", "1")
		if testid(html(t, b.get("/checkout/"+ref).body), "pay-card-"+itoa(card)).Length() != 1 {
			t.Fatalf("%s: the kept card is not offered", tt.name)
		}
		tt.end(b, card)
		p := b.refusedAt("/checkout/"+ref, "/checkout/"+ref+"/card", url.Values{"card": {itoa(card)}}, tt.want)
		d := html(t, p.body)
		errs := testid(d, "pay-error")
		assertEqual(t, errs.Length(), 1, tt.name+": notices")
		assertEqual(t, errs.ParentsFiltered(`[data-testid="card-section"]`).Length(), 1, tt.name+": the notice is in the card box")
		assertEqual(t, asRead(strings.TrimSpace(errs.Text())), asRead(tt.want), tt.name+": the refusal")
		// The card is kept whole on a line, as its button was.
		assertEqual(t, errs.Find(".pay-name").Text()+" "+errs.Find(".pay-account").First().Text(), "Visa •••• 4242", tt.name+": the card named")
		assertEqual(t, testid(d, "pay-card-"+itoa(card)).Length(), 0, tt.name+": the removed card still offered")
		assertEqual(t, testid(d, "wallet-section").Length(), 1, tt.name+": another way to pay on the page")
		assertEqual(t, ta.count(t, "SELECT COUNT(*) FROM payment_attempts WHERE order_id = ?", ta.order(t, ref).ID), 0, tt.name+": payments sent")
	}
}
