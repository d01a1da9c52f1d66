package e2e

import (
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
)

// Viewports the buyer's pages are looked at in.
const (
	desktopWidth, desktopHeight = 1280, 800
	phoneWidth, phoneHeight     = 390, 844
)

// viewport sizes the tab's page like a desktop window or a phone.
func (b *browser) viewport(width, height int64, phone bool) {
	b.t.Helper()
	if phone {
		b.run(chromedp.EmulateViewport(width, height, chromedp.EmulateMobile, chromedp.EmulateScale(1)))
		return
	}
	b.run(chromedp.EmulateViewport(width, height))
}

// openCardPage starts a new-card payment from the checkout page and
// returns the order's ref and the hosted card page's address.
func openCardPage(b *browser) (ref, cardPage string) {
	b.t.Helper()
	ref = b.text("[data-testid=order-ref]")
	b.click("[data-testid=pay-card]", "[data-testid=card-number]")
	b.run(chromedp.Location(&cardPage))
	return ref, cardPage
}

// A buyer who leaves Antom's card page ("Cancel and return to the shop")
// is not stuck: "Pay another way" cancels that payment, brings them back
// to checkout, and a new payment goes through.
func TestLeftCardPageThenPayAnotherWay(t *testing.T) {
	srv := startServer(t, nil)
	b := newBrowser(t, srv.URL)
	b.viewport(desktopWidth, desktopHeight, false)
	buy(b, "matcha")
	ref, _ := openCardPage(b)

	b.click("[data-testid=card-cancel]", "[data-testid=result]")
	b.waitText("[data-testid=result-status]", "Not finished")
	b.waitText("[data-testid=result-headline-text]", words(t, "en", "result.head_card_page"))
	b.waitText("[data-testid=continue-card-page]", "Continue on the card page")

	// The reconciler may be asking Antom about the payment at that very
	// moment: the cancel then waits, and the result page says so and
	// offers to ask again (at most every few seconds) until the cancel is
	// confirmed and the buyer is back at checkout.
	b.followToCheckout("leave-card-page", "retry-cancel", "pay-another-way")
	b.waitText("[data-testid=last-attempt]", "The card payment you left was cancelled. You were not charged.")
	if got := b.text("[data-testid=order-ref]"); got != ref {
		t.Fatalf("back at the checkout of %s, want %s", got, ref)
	}
	payOnHostedPage(b, "4242 4242 4242 4242", false)
	b.click("[data-testid=card-pay]", "[data-testid=result]")
	b.waitText("[data-testid=result-status]", "Paid")
	b.waitText("[data-testid=paid-method]", "Visa •••• 4242")
	if n := srv.App.Sandbox().Calls("payments/cancel"); n != 1 {
		t.Fatalf("%d cancels sent, want 1", n)
	}
}

// A buyer who comes back to the shop in the middle of paying continues on
// the same card page and pays there; while the page waits, "check again"
// says when it was asked a moment ago, and that notice goes once the page
// shows the payment (by itself, without a reload).
func TestLeftCardPageThenContinueThere(t *testing.T) {
	srv := startServer(t, nil)
	b := newBrowser(t, srv.URL)
	b.viewport(phoneWidth, phoneHeight, true)
	buy(b, "coffee")
	ref, cardPage := openCardPage(b)

	b.visit("/orders/" + ref) // back to the shop by hand
	b.waitText("[data-testid=result-status]", "Not finished")
	b.click("[data-testid=check-again]", "[data-testid=result-notice]")
	b.click("[data-testid=check-again]", "[data-testid=result-notice]")
	b.waitText("[data-testid=result-notice]", "We checked a moment ago.")

	// The same card page, paid in another tab: this page learns it.
	other := b.tab()
	other.viewport(phoneWidth, phoneHeight, true)
	other.open(cardPage)
	fillCard(other, "4242 4242 4242 4242")
	other.click("[data-testid=card-pay]", "[data-testid=result]")
	b.waitText("[data-testid=result-status]", "Paid")
	var notices int
	b.run(chromedp.Evaluate(`document.querySelectorAll("[data-testid=result-notice]").length`, &notices))
	if notices != 0 {
		t.Fatal("the page shows the payment and still says we checked a moment ago")
	}

	// Continue on the card page from the result page itself.
	buy(b, "mug")
	ref, cardPage = openCardPage(b)
	b.visit("/orders/" + ref)
	b.click("[data-testid=continue-card-page]", "[data-testid=card-number]")
	var at string
	b.run(chromedp.Location(&at))
	if at != cardPage {
		t.Fatalf("continued on %s, want the same card page %s", at, cardPage)
	}
	fillCard(b, "5555 5555 5555 4444")
	b.click("[data-testid=card-pay]", "[data-testid=result]")
	b.waitText("[data-testid=result-status]", "Paid")
	if n := srv.App.Sandbox().Calls("payments/cancel"); n != 0 {
		t.Fatalf("%d cancels sent, want none", n)
	}
}

// followToCheckout presses whichever of the buttons or links (their
// data-testid) the page shows, and again on each page that follows, until
// a checkout page. The page is marked in the same step as the click, so
// that the old page is never taken for the new one; a button the page
// replaced by itself (its long-poll) meanwhile is not pressed.
func (b *browser) followToCheckout(testids ...string) {
	b.t.Helper()
	find := `document.querySelector("[data-testid=checkout]") ? "checkout" : ` +
		`[` + `"` + strings.Join(testids, `", "`) + `"` + `].find(id => document.querySelector("[data-testid=" + id + "]"))`
	for {
		var shows string
		for {
			err := chromedp.Run(b.ctx, chromedp.Poll(`!window.submitting && (`+find+` || null)`, &shows, chromedp.WithPollingInterval(50*time.Millisecond)))
			if err == nil {
				break
			}
			// The navigation a press started ends a poll begun on the
			// old page (as in waitText): poll again on the new one.
			if !movedOn(err) {
				b.t.Fatalf("following to checkout: %v", err)
			}
		}
		if shows == "checkout" {
			b.screenshot()
			return
		}
		b.run(chromedp.Evaluate(fmt.Sprintf(`(() => { const e = document.querySelector("[data-testid=%s]"); if (e) { window.submitting = true; e.click(); } })()`, shows), nil))
	}
}
