package handlers

import (
	"net/url"
	"strings"
	"testing"

	"antom-checkout/db"
)

// A pay form sent from a checkout page left open after the order got its
// payment — being confirmed, or paid — sends nothing to Antom and lands
// on the result page, which says so once beside the payment it found
// ("Nothing was sent … you were not charged again"), in the buyer's
// language; a reload shows the page without it.
func TestPayFromAStalePageSaysNothingWasSent(t *testing.T) {
	ta := newTestApp(t)
	b := ta.client(t)
	b.signUp("stale-pay@example.com")
	wallet := ta.sealedWallet(t, ta.buyerID(t, "stale-pay@example.com"), "0917****321")
	ref := b.buy("coffee", "1")
	attempt := ta.openAttempt(t, ref, wallet)

	for _, state := range []string{"processing", "paid"} {
		if state == "paid" {
			ta.settle(t, ref, attempt, db.AttemptSuccess, "SUCCESS", "PAY-"+ref)
		}
		p := b.post("/checkout/"+ref+"/pay", url.Values{"wallet": {itoa(wallet)}})
		if resultAt(p.location) != "/orders/"+ref {
			t.Fatalf("%s: the stale pay answered %d %q:\n%s", state, p.status, p.location, p.body)
		}
		d := html(t, b.get(p.location).body)
		assertEqual(t, testid(d, "result").AttrOr("data-status", ""), state, state+": the result")
		if n := textOf(t, d, "result-notice"); !strings.HasPrefix(n, "Nothing was sent: this order already had a payment") {
			t.Fatalf("%s: the notice says %q", state, n)
		}
		again := html(t, b.get(p.location).body)
		assertEqual(t, testid(again, "result-notice").Length(), 0, state+": the notice after a reload")
	}
	assertEqual(t, ta.count(t, `SELECT COUNT(*) FROM payment_attempts WHERE order_id = ?`, ta.order(t, ref).ID), 1, "payments of the order")
}
