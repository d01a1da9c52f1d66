package e2e

import (
	"context"
	"fmt"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"antom-checkout/app"
)

// Back (or Forward) shows a page as it stands now, not as the browser's
// back/forward cache kept it: to the shop after buying, its Buy button can
// be pressed again (data-once disabled it when sent); to Antom's hosted
// card page after paying, that the payment is finished — not its Pay
// form; to the checkout after paying, the order's result page, paid — not
// the pay buttons of an order with nothing left to pay.
func TestBackShowsThePageAsItStandsNow(t *testing.T) {
	srv := startServer(t, nil)
	b := newBrowser(t, srv.URL)
	buy(b, "notebook") // the session's cookie is set: a page changing cookies is not cached
	buy(b, "notebook")
	b.back()
	b.waitTrue(`(() => { const x = document.querySelector("[data-testid=buy-notebook]"); return !!x && !x.disabled })()`,
		"the shop's Buy button pressable after Back")
	b.click("[data-testid=buy-notebook]", "[data-testid=checkout]")
	payOnHostedPage(b, "4242 4242 4242 4242", false)
	b.click("[data-testid=card-pay]", "[data-testid=result]")
	b.waitText("[data-testid=result-status]", "Paid")
	b.back()
	b.waitTrue(`document.querySelector("[data-testid=card-message]")?.dataset.outcome === "finished" && !document.querySelector("[data-testid=card-form]")`,
		"the hosted card page saying the payment is finished after Back to it")
	b.back()
	b.waitTrue(`!!document.querySelector("[data-testid=result]") && !document.querySelector("[data-testid=checkout]")`,
		"the paid order's result page after Back to its checkout")
	b.waitText("[data-testid=result-status]", "Paid")
}

// waitTrue waits up to 10 s for the JavaScript expression js to be true
// on the page (or on one it moves on to), else fails saying what was
// awaited.
func (b *browser) waitTrue(js, what string) {
	b.t.Helper()
	deadline := time.Now().Add(10 * time.Second)
	for {
		ctx, cancel := context.WithDeadline(b.ctx, deadline)
		err := chromedp.Run(ctx, chromedp.Poll(js, nil, chromedp.WithPollingInterval(50*time.Millisecond)))
		cancel()
		if err == nil {
			return
		}
		if !movedOn(err) || time.Now().After(deadline) {
			b.screenshot()
			b.t.Fatalf("%s: %v", what, err)
		}
	}
}

// back goes back one page in the tab's history, as the browser's Back
// button does. (chromedp.NavigateBack waits for a load event, which a
// page restored from the back/forward cache never fires.)
func (b *browser) back() {
	b.t.Helper()
	var url string
	b.run(chromedp.Location(&url))
	b.run(chromedp.Evaluate(`history.back()`, nil))
	b.waitTrue(fmt.Sprintf(`location.href !== %q && document.readyState === "complete"`, url), "back from "+url)
}

// With CAPTURE_MODE=MANUAL, Back to Antom's hosted card page after paying
// says what is true of the card: authorized, nothing charged until the
// shop captures — not "Payment finished" (Chromium trials); once staff
// capture it, finished.
func TestBackToTheCardPageSaysAuthorizedUntilCaptured(t *testing.T) {
	srv := startServer(t, map[string]string{"CAPTURE_MODE": app.CaptureManual})
	b := newBrowser(t, srv.URL)
	buy(b, "coffee")
	ref := b.text("[data-testid=order-ref]")
	payOnHostedPage(b, "4242 4242 4242 4242", false)
	b.click("[data-testid=card-pay]", "[data-testid=result]")
	b.waitText("[data-testid=result-status]", "Authorized")
	b.back()
	b.waitTrue(`document.querySelector("[data-testid=card-message]")?.dataset.outcome === "authorized"`,
		"the hosted card page saying the card is authorized after Back to it")
	if h1 := b.text("h1"); h1 != "Payment authorized" {
		t.Fatalf("the card page's title after Back: %q, want Payment authorized", h1)
	}
	b.waitText("[data-testid=card-message]", "nothing has been charged yet")

	if err := srv.App.Checkout().Capture(context.Background(), "staff@example.com", ref, 1_000); err != nil {
		t.Fatal(err)
	}
	b.run(chromedp.Reload())
	b.waitTrue(`document.querySelector("[data-testid=card-message]")?.dataset.outcome === "finished"`,
		"the hosted card page saying the payment is finished once captured")
}
