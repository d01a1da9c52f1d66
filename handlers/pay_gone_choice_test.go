package handlers

import (
	"context"
	"net/url"
	"strings"
	"testing"
	"time"

	"antom-checkout/db"
)

// A kept card removed, or a wallet unlinked, in another tab, then pressed
// on a checkout page left open while the order has a payment (under way
// in a third tab, or taken): nothing is sent, and the result page the
// buyer lands on says why — the payment the order had — never a page
// without a word. (Without a payment, the checkout page says the card or
// wallet can no longer be used: TestRemovedWalletOrCardSaysWhatIsLeft.)
func TestPayWithAGoneCardOrWalletBesideAPaymentSaysNothingWasSent(t *testing.T) {
	ta := newTestApp(t)
	ctx := context.Background()
	b := ta.client(t)
	const email = "gone-choice@example.com"
	b.signUp(email)
	buyer := ta.buyerID(t, email)
	payWith := ta.sealedWallet(t, buyer, "0917****777")
	const chargedOne = "Nothing was sent: this order already had a payment when you pressed pay, so you were not charged again. This page shows where that payment stands."
	for _, tt := range []struct {
		name  string
		found func(ref string)
		state string
		want  string
	}{
		{"a card page open in another tab", func(ref string) { ta.cardAttempt(t, ref, "", time.Hour) }, "card-page", notSentUnderWay},
		{"a wallet payment being confirmed", func(ref string) { ta.openAttempt(t, ref, payWith) }, "processing", notSentUnderWay},
		{"a payment", func(ref string) {
			ta.settle(t, ref, ta.openAttempt(t, ref, payWith), db.AttemptSuccess, "SUCCESS", "PAY-"+ref)
		}, "paid", chargedOne},
	} {
		for _, gone := range []struct {
			what string
			send func(ref string) page
		}{
			{"a kept card removed", func(ref string) page {
				if err := ta.DB.KeepCard(ctx, db.Card{BuyerID: buyer, TokenSealed: []byte("sealed"), TokenHash: "card-" + ref,
					Brand: "VISA", Last4: "4242", ExpiryMonth: "12", ExpiryYear: "30", CreatedAt: ta.now}); err != nil {
					t.Fatal(err)
				}
				card := int64(ta.count(t, `SELECT id FROM cards WHERE token_hash = ?`, "card-"+ref))
				if ok, err := ta.DB.RemoveCard(ctx, card, "buyer", ta.now); err != nil || !ok {
					t.Fatalf("remove card: %v %v", ok, err)
				}
				return b.post("/checkout/"+ref+"/card", url.Values{"card": {itoa(card)}})
			}},
			{"a wallet unlinked", func(ref string) page {
				w := ta.insertWallet(t, buyer, "0917****"+ref[len(ref)-3:])
				if ok, err := ta.DB.EndWallet(ctx, w, []string{db.WalletActive}, db.WalletRevoking, "unlinked by buyer", ta.now); err != nil || !ok {
					t.Fatalf("unlink: %v %v", ok, err)
				}
				return b.post("/checkout/"+ref+"/pay", url.Values{"wallet": {itoa(w)}})
			}},
			{"a card not the buyer's", func(ref string) page {
				return b.post("/checkout/"+ref+"/card", url.Values{"card": {"987654"}})
			}},
		} {
			what := tt.name + ", " + gone.what
			ref := b.buy("coffee", "1")
			tt.found(ref)
			attempts := ta.count(t, `SELECT COUNT(*) FROM payment_attempts WHERE order_id = ?`, ta.order(t, ref).ID)
			p := gone.send(ref)
			if resultAt(p.location) != "/orders/"+ref || !strings.Contains(p.location, "?notice=") {
				t.Fatalf("%s: the press answered %d %q:\n%s", what, p.status, p.location, p.body)
			}
			d := html(t, b.get(p.location).body)
			assertEqual(t, testid(d, "result").AttrOr("data-status", ""), tt.state, what+": the result")
			assertEqual(t, textOf(t, d, "result-notice"), tt.want, what+": the notice")
			assertEqual(t, ta.count(t, `SELECT COUNT(*) FROM payment_attempts WHERE order_id = ?`, ta.order(t, ref).ID), attempts, what+": payments of the order")
		}
	}
}
