package e2e

import (
	"fmt"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
)

// Pay by card while Antom's pay answers only after the buyer's wait
// (Options.ActionWait, 3 s): the sandbox holds pay until the test has
// seen the buyer's page say that the card page is being opened, then
// lets it answer. With no click and no reload, the browser is taken to
// Antom's (the sandbox's) card page by the page's own long-poll, and the
// buyer pays there and lands on the paid result. The hold, not a
// latency, decides when pay answers: a slow machine only makes the test
// slower.
func TestSlowCardPageOpensByItself(t *testing.T) {
	srv := startServer(t, nil)
	b := newBrowser(t, srv.URL)
	buy(b, "matcha")
	ref := b.text("[data-testid=order-ref]")

	pay := srv.App.Sandbox().Faults().Hold("payments/pay")
	t.Cleanup(pay.Release)
	b.click("[data-testid=pay-card]", "[data-testid=result]")
	b.waitText("[data-testid=result-headline-text]", words(t, "en", "result.head_card_opening"))
	b.waitText("[data-testid=result-detail]", "This page takes you there as soon as it is ready. Nothing has been charged.")
	select {
	case <-pay.Arrived():
	default:
		t.Fatal("the page says the card page is being opened, and pay never reached Antom")
	}
	var path string
	b.run(chromedp.Evaluate(`location.pathname`, &path))
	if path != "/orders/"+ref+"/card-page" {
		t.Fatalf("the buyer waits on %s", path)
	}

	pay.Release() // Antom answers: the card page
	b.waitAt(srv.SandboxURL, "[data-testid=card-number]")
	fillCard(b, "4242 4242 4242 4242")
	b.click("[data-testid=card-pay]", "[data-testid=result]")
	b.waitText("[data-testid=result-status]", "Paid")
	b.waitText("[data-testid=paid-method]", "Visa •••• 4242")
}

// waitAt waits, without acting on the page, until the browser is on a
// page of origin with an element matching sel visible: wherever the
// page, or the pages after it, send the browser by themselves. Its bound
// is generous (a minute): reaching it is a failure, not a guess.
func (b *browser) waitAt(origin, sel string) {
	b.t.Helper()
	js := fmt.Sprintf(`(() => { const el = document.querySelector(%q); return location.origin === %q && !!el && el.offsetParent !== null; })()`, sel, origin)
	deadline := time.Now().Add(time.Minute)
	for {
		err := chromedp.Run(b.ctx, chromedp.Poll(js, nil, chromedp.WithPollingInterval(50*time.Millisecond), chromedp.WithPollingTimeout(time.Until(deadline))))
		if err == nil {
			break
		}
		// A navigation ends the poll (the page's script context goes
		// with it): look again on the new page.
		if !movedOn(err) || time.Now().After(deadline) {
			var loc string
			chromedp.Run(b.ctx, chromedp.Location(&loc))
			b.t.Fatalf("waiting for %s on %s: %v (the browser is at %s)", sel, origin, err, loc)
		}
	}
	b.screenshot()
}
