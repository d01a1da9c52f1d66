package handlers

import (
	"fmt"
	"net/url"
	"testing"
	"time"

	"antom-checkout/db"
)

// The buyer pressed pay once; the instance serving the press died after
// storing its payment (make run-cluster, kill -9: haproxy answers 502 and
// never sends it again), and the browser sent the form again (Reload,
// "Confirm Form Resubmission"), to another instance. The form's key names
// that payment: the buyer lands where the first sending would have sent
// them — the result page for one click, Antom's card page for a card —
// with no word of having pressed pay again, and nothing is sent. A press
// from another tab (the checkout page shown apart: a key of its own) is
// still told that the order had a payment under way.
func TestPaySentAgainLandsOnItsPaymentUntold(t *testing.T) {
	ta := newTestApp(t)
	b := ta.client(t)
	b.signUp("same-press@example.com")
	wallet := ta.sealedWallet(t, ta.buyerID(t, "same-press@example.com"), "0917****321")
	const underWay = "Nothing was sent: this order already had a payment under way when you pressed pay, so nothing more was charged. This page shows where that payment stands."
	for _, send := range []struct {
		path   string
		form   url.Values
		stored func(ref, requestID string)
		lands  string // where the form sent again goes, ref's
		state  string // the result page's then
	}{
		{"/pay", url.Values{"wallet": {itoa(wallet)}}, func(ref, requestID string) {
			ta.processingAttempt(t, ref, db.Attempt{PaymentRequestID: requestID, Method: db.MethodWallet, WalletID: wallet,
				ExpiresAt: ta.now.Add(50 * time.Second), NextCheckAt: ta.now.Add(time.Hour)})
		}, "/orders/%s", "processing"},
		{"/card", url.Values{}, func(ref, requestID string) {
			id := ta.processingAttempt(t, ref, db.Attempt{PaymentRequestID: requestID, Method: db.MethodCard,
				ExpiresAt: ta.now.Add(14 * time.Minute), NextCheckAt: ta.now.Add(time.Hour)})
			if err := ta.DB.SetAttemptRedirect(t.Context(), id, cardPage, ta.now); err != nil {
				t.Fatal(err)
			}
		}, "/orders/%s/card-page", "card-page"},
	} {
		ref := b.buy("coffee", "1")
		key := payKeyOn(t, b, ref, send.path)
		otherTab := payKeyOn(t, b, ref, send.path)
		if key == "" || key == otherTab {
			t.Fatalf("%s: the pay forms' keys of two showings: %q, %q; want one each", send.path, key, otherTab)
		}
		send.stored(ref, "PR-"+ref+"-"+key) // the press the dying instance stored
		attempts := ta.count(t, `SELECT COUNT(*) FROM payment_attempts WHERE order_id = ?`, ta.order(t, ref).ID)

		again := url.Values{"key": {key}}
		for k, v := range send.form {
			again[k] = v
		}
		p := b.post("/checkout/"+ref+send.path, again)
		if want := fmt.Sprintf(send.lands, ref); p.status != 303 || p.location != want {
			t.Fatalf("%s sent again: %d %q, want 303 to %s (no notice):\n%s", send.path, p.status, p.location, want, p.body)
		}
		if send.path == "/card" {
			assertEqual(t, b.get(p.location).location, cardPage, "the card form sent again: where its card page sends")
		}
		d := html(t, b.get("/orders/"+ref).body)
		assertEqual(t, testid(d, "result").AttrOr("data-status", ""), send.state, send.path+" sent again: the result")
		assertEqual(t, testid(d, "result-notice").Length(), 0, send.path+" sent again: a notice")

		other := url.Values{"key": {otherTab}}
		for k, v := range send.form {
			other[k] = v
		}
		p = b.post("/checkout/"+ref+send.path, other)
		if resultAt(p.location) != "/orders/"+ref {
			t.Fatalf("%s from another tab: %d %q", send.path, p.status, p.location)
		}
		assertEqual(t, textOf(t, html(t, b.get(p.location).body), "result-notice"), underWay, send.path+" from another tab: the notice")
		assertEqual(t, ta.count(t, `SELECT COUNT(*) FROM payment_attempts WHERE order_id = ?`, ta.order(t, ref).ID), attempts, send.path+": payments of the order")
	}
}

// payKeyOn shows ref's checkout page to b and returns the key of its pay
// form that posts to path ("/pay": a wallet's one click, "/card").
func payKeyOn(t *testing.T, b *browserClient, ref, path string) string {
	t.Helper()
	d := html(t, b.get("/checkout/"+ref).body)
	return d.Find(`form[action="/checkout/`+ref+path+`"] input[name="key"]`).First().AttrOr("value", "")
}
