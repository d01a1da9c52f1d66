package handlers

import (
	"context"
	"fmt"
	"net/http"
	"testing"
	"time"

	"antom-checkout/checkout"
)

// A renew that finds another press of the buyer's still starting a link
// past Options.ActionWait starts and ends nothing: the buyer is back on
// the code they were on, which still works, told why once.
func TestRenewWhileAnotherPressStartsStaysOnTheCode(t *testing.T) {
	ta, f := newFakeAntomAppWith(t, func(o *checkout.Options) { o.ActionWait = 50 * time.Millisecond })
	f.answer = map[string]string{"consult": fmt.Sprintf(consultQR, "https://qr.test/link-1")}
	b := ta.client(t)
	b.signUp("busy-renew@example.com")
	first := b.post("/wallets/link", linkForm).location
	ta.now = ta.now.Add(checkout.LinkRenewEvery)
	start := fmt.Sprintf("link-start:%d", ta.buyerID(t, "busy-renew@example.com")) // checkout.linkStartWork
	if ok, err := ta.DB.ClaimLease(context.Background(), start, "other instance", ta.now, ta.now.Add(time.Minute)); err != nil || !ok {
		t.Fatalf("hold the buyer's start: %v %v", ok, err)
	}

	p := b.post(first+"/renew", nil)
	assertEqual(t, [2]any{p.status, p.location}, [2]any{http.StatusSeeOther, first}, "a renew while another press starts")
	d := html(t, b.get(first).body)
	assertEqual(t, textOf(t, d, "link-renew-refused"), "Your other request to link a wallet is still being handled. Try again in a moment.", "the page says why")
	assertEqual(t, testid(d, "link").AttrOr("data-status", ""), "PENDING", "the code kept")
	assertEqual(t, testid(html(t, b.get(first).body), "link-renew-refused").Length(), 0, "the notice once seen")
	assertEqual(t, f.count("consult"), 1, "consults")
}
