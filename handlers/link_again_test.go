package handlers

import (
	"fmt"
	"net/url"
	"testing"
	"time"
)

// A second press of "Link" for the same wallet after the first consult
// answered shows the buyer's QR code of that press — still pending, with
// time left to scan it — and sends no second consult; a press when too
// little of the code's time is left, or from another page (where the
// buyer comes back to differs), starts a new attempt.
func TestLinkAgainShowsTheCodeStillValid(t *testing.T) {
	ta, f := newFakeAntomAppWith(t, nil)
	f.answer = map[string]string{"consult": fmt.Sprintf(consultQR, "https://qr.test/link-1")}
	b := ta.client(t)
	b.signUp("again@example.com")
	first := b.post("/wallets/link", linkForm).location
	assertEqual(t, textOf(t, html(t, b.get(first).body), "code-value"), "https://qr.test/link-1", "the first code")

	again := b.post("/wallets/link", linkForm)
	assertEqual(t, again.location, first, "a second press, the code still valid")
	ta.Checkout.Wait()
	assertEqual(t, f.count("consult"), 1, "consults after the second press")
	d := html(t, b.get(first).body)
	assertEqual(t, testid(d, "link").AttrOr("data-status", ""), "PENDING", "the first attempt after the second press")

	fromCheckout := b.post("/wallets/link", url.Values{"wallet": {"GCASH"}, "return_to": {"/shop"}})
	if fromCheckout.location == first {
		t.Fatal("a press from another page reused the attempt that returns to /wallets")
	}
	ta.Checkout.Wait()
	assertEqual(t, f.count("consult"), 2, "consults after a press from another page")

	ta.now = ta.now.Add(15*time.Minute - 30*time.Second) // the first code nearly run out
	last := b.post("/wallets/link", linkForm).location
	if last == first {
		t.Fatal("a press with 30 s of the code left reused it")
	}
	ta.Checkout.Wait()
	assertEqual(t, f.count("consult"), 3, "consults after a press with the code nearly run out")
}
