package e2e

import (
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"antom-checkout/antom/sandbox"
)

// "I have paid" while Antom is slow to answer (inquiryPayment takes 10 s,
// the buyer's wait is 3 s): the page says that it is still asking. Once
// Antom answers that the card payment is still open, the page says that
// by itself — no reload, and never "still asking" after the answer came;
// once the buyer pays on the card page, the notice goes with the card it
// spoke about.
func TestStillAskingNoticeFollowsAntomsAnswer(t *testing.T) {
	srv := startServer(t, nil)
	b := newBrowser(t, srv.URL)
	b.viewport(desktopWidth, desktopHeight, false)
	buy(b, "coffee")
	ref, cardPage := openCardPage(b)
	b.visit("/orders/" + ref)
	b.waitText("[data-testid=result-status]", "Not finished")

	srv.App.Sandbox().Faults().SetAPI("payments/inquiryPayment", sandbox.APIFault{Latency: 10 * time.Second})
	b.click("[data-testid=check-again]", "[data-testid=result-notice]")
	b.waitText("[data-testid=result-notice]", "We are still asking about your payment.")
	b.run(chromedp.Evaluate(`document.documentElement.dataset.sameDocument = "yes"`, nil))
	b.waitText("[data-testid=result-notice]", "We asked again: there is no result yet.")
	b.waitText("[data-testid=result-status]", "Not finished")
	srv.App.Sandbox().Faults().SetAPI("payments/inquiryPayment", sandbox.APIFault{})

	other := b.tab()
	other.open(cardPage)
	fillCard(other, "4242 4242 4242 4242")
	other.click("[data-testid=card-pay]", "[data-testid=result]")
	b.waitText("[data-testid=result-status]", "Paid")
	var notices int
	var same string
	b.run(chromedp.Evaluate(`document.querySelectorAll("[data-testid=result-notice]").length`, &notices),
		chromedp.Evaluate(`document.documentElement.dataset.sameDocument || ""`, &same))
	if notices != 0 {
		t.Fatal("the page shows the payment and still says there is no result yet")
	}
	if same != "yes" {
		t.Fatal("the result page reloaded instead of updating in place")
	}
}
