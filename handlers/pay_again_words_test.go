package handlers

import (
	"context"
	"net/url"
	"testing"
	"time"

	"antom-checkout/antom"
	"antom-checkout/db"
)

// A pay sent from a checkout page left open says why nothing was sent in
// words true of the payment it found: "not charged again" only beside a
// payment that charged the buyer once; beside one still under way (a
// card page open in another tab, a wallet payment being confirmed) or an
// authorization, nothing more was charged or held; beside one that
// ended without charging (a released hold), only that it had one. One
// click and the card form alike; nothing is ever sent.
func TestPayFromAStalePageSaysWhatTheFoundPaymentDid(t *testing.T) {
	ta := newTestApp(t)
	ctx := context.Background()
	b := ta.client(t)
	b.signUp("stale-words@example.com")
	wallet := ta.sealedWallet(t, ta.buyerID(t, "stale-words@example.com"), "0917****321")
	const (
		underWay   = "Nothing was sent: this order already had a payment under way when you pressed pay, so nothing more was charged. This page shows where that payment stands."
		authorized = "Nothing was sent: this order's card payment was already authorized when you pressed pay, so no second payment was made: nothing was charged, and nothing more was held on your card. This page shows where that payment stands."
		chargedOne = "Nothing was sent: this order already had a payment when you pressed pay, so you were not charged again. This page shows where that payment stands."
		ended      = "Nothing was sent: this order already had a payment when you pressed pay. This page shows how it ended."
	)
	authorize := func(ref string) int64 {
		id := ta.cardAttempt(t, ref, antom.CaptureManual, time.Hour)
		ta.authorizeCard(t, ref, id)
		return id
	}
	for _, tt := range []struct {
		name  string
		found func(ref string)
		state string
		want  string
	}{
		{"a wallet payment being confirmed", func(ref string) { ta.openAttempt(t, ref, wallet) }, "processing", underWay},
		{"a card page open in another tab", func(ref string) { ta.cardAttempt(t, ref, "", time.Hour) }, "card-page", underWay},
		{"an authorization", func(ref string) { authorize(ref) }, "authorized", authorized},
		{"a payment", func(ref string) {
			ta.settle(t, ref, ta.openAttempt(t, ref, wallet), db.AttemptSuccess, "SUCCESS", "PAY-"+ref)
		}, "paid", chargedOne},
		{"a released hold", func(ref string) {
			authorize(ref)
			if ok, err := ta.DB.SetOrderStatus(ctx, ta.order(t, ref).ID, db.OrderAuthorized, db.OrderVoided, ta.now); err != nil || !ok {
				t.Fatalf("void: %v %v", ok, err)
			}
		}, "voided", ended},
	} {
		for _, send := range []struct {
			path string
			form url.Values
		}{
			{"/pay", url.Values{"wallet": {itoa(wallet)}}},
			{"/card", url.Values{}},
		} {
			what := tt.name + ", " + send.path
			ref := b.buy("coffee", "1")
			tt.found(ref)
			attempts := ta.count(t, `SELECT COUNT(*) FROM payment_attempts WHERE order_id = ?`, ta.order(t, ref).ID)
			p := b.post("/checkout/"+ref+send.path, send.form)
			if resultAt(p.location) != "/orders/"+ref {
				t.Fatalf("%s: the stale pay answered %d %q:\n%s", what, p.status, p.location, p.body)
			}
			d := html(t, b.get(p.location).body)
			assertEqual(t, testid(d, "result").AttrOr("data-status", ""), tt.state, what+": the result")
			assertEqual(t, textOf(t, d, "result-notice"), tt.want, what+": the notice")
			assertEqual(t, ta.count(t, `SELECT COUNT(*) FROM payment_attempts WHERE order_id = ?`, ta.order(t, ref).ID), attempts, what+": payments of the order")
		}
	}
}
