package handlers

import (
	"strings"
	"testing"
	"time"

	"antom-checkout/antom"
	"antom-checkout/checkout"
	"antom-checkout/db"
	"antom-checkout/lang"
)

// An order that can no longer be paid (checkout.Unpayable) is never
// "Not paid yet", on My orders or on its result page's badge, in any
// language: its payment cancelled with its attempts used up, or — once
// the shop's catalogue file no longer sells its product — its payment
// cancelled or never tried, it says it can no longer be paid. An order
// that can still be paid keeps "Not paid yet" (its payment cancelled)
// or "Not paid".
func TestMyOrdersSaysAnUnpayableOrderCanNoLongerBePaid(t *testing.T) {
	ta := newTestApp(t)
	b := ta.client(t)
	b.signUp("no.longer@example.com")
	cancelled := func(ref string) {
		ta.settle(t, ref, ta.cardAttempt(t, ref, antom.CaptureAutomatic, 14*time.Minute), db.AttemptCancelled, "ORDER_IS_CANCELED", "")
	}
	unpaid, open, usedUp := b.buy("coffee", "1"), b.buy("mug", "1"), b.buy("coffee", "1")
	cancelled(open)
	ta.failedAttempts(t, usedUp, checkout.AttemptsPerOrder-1)
	cancelled(usedUp)
	// Failed once, or every time (said "Failed" alike; trial).
	failedOnce, failedUsedUp := b.buy("mug", "1"), b.buy("coffee", "1")
	ta.failedAttempts(t, failedOnce, 1)
	ta.failedAttempts(t, failedUsedUp, checkout.AttemptsPerOrder)

	badges := func(when string, want map[string]string) {
		t.Helper()
		for _, l := range lang.Languages {
			say := lang.For(l)
			p, _ := b.getIn("/orders", l.Code)
			list := html(t, p.body)
			for ref, id := range want {
				row := list.Find(`[data-testid="order-row"][data-ref="` + ref + `"] [data-testid="order-status"]`)
				assertEqual(t, strings.Join(strings.Fields(row.Text()), " "), say.T(id), when+", "+l.Code+": My orders' badge of "+ref)
				p, _ := b.getIn("/orders/"+ref, l.Code)
				assertEqual(t, textOf(t, html(t, p.body), "result-status"), say.T(id), when+", "+l.Code+": the result page's badge of "+ref)
			}
		}
	}
	badges("for sale", map[string]string{
		unpaid: "orders.state_unpaid", open: "orders.state_not_paid_yet", usedUp: "orders.state_unpayable",
		failedOnce: "orders.state_failed", failedUsedUp: "orders.state_unpayable",
	})
	sellCatalogFile(t, ta) // the file sells none of the demo shop's products
	badges("no longer for sale", map[string]string{
		unpaid: "orders.state_unpayable", open: "orders.state_unpayable", usedUp: "orders.state_unpayable",
		failedOnce: "orders.state_unpayable", failedUsedUp: "orders.state_unpayable",
	})
}
