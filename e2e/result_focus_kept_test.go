package e2e

import (
	"testing"

	"github.com/chromedp/chromedp"
)

// A keyboard user on a processing result page who has reached its Check
// again keeps their place when the page updates in place: the focus goes
// to the new card's heading, where the news begins. The card it sat on
// was replaced, and the focus fell to the top of the page (body).
func TestResultUpdateKeepsTheFocusOnTheCard(t *testing.T) {
	srv := startServer(t, nil)
	b := newBrowser(t, srv.URL)
	signUp(b, "keys@example.com")
	buy(b, "coldbrew")
	linkFromCheckout(b, walletUser(t, "TNG"))
	b.click("[data-testid^=pay-wallet-]", "[data-testid=result]")
	b.waitText("[data-testid=result-status]", "Processing")
	b.tabTo("[data-testid=check-again]")
	b.waitText("[data-testid=result-status]", "Paid")
	var at string
	b.run(chromedp.Evaluate(`document.activeElement.id || document.activeElement.tagName`, &at))
	if at != "result-title" {
		t.Fatalf("after the page turned to Paid the focus is on %s, not the new card's heading", at)
	}
}
