package e2e

import (
	"fmt"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"
)

// A kept card removed in another tab, then paid with from the checkout
// page shown before: the browser lands back on the checkout page — its
// own address, not the form's (Post/Redirect/Get) — which says once why;
// the address it was sent to names that notice, which the address bar
// then drops; a reload is a plain GET that shows the page as it is now,
// without the notice and without the card, and sends nothing again.
func TestRemovedKeptCardLandsBackOnTheCheckoutPage(t *testing.T) {
	srv := startServer(t, nil)
	b := newBrowser(t, srv.URL)
	keepCardAndBuyAgain(b, "stale.card@example.com")
	var checkout string
	b.run(chromedp.Location(&checkout))

	other := b.tab()
	other.visit("/wallets")
	other.click("[data-testid=remove-card]", "[data-testid=confirm]")
	other.click("[data-testid=confirm-yes]", "[data-testid=flash]")
	other.waitText("[data-testid=flash]", "Card removed.")

	b.click("[data-testid^=pay-card-]", "[data-testid=pay-error]")
	// It names the card as its button did, who removed it, and what is left.
	b.waitText("[data-testid=card-section] [data-testid=pay-error]", "You removed Mastercard •••• 4444 from your kept cards on ")
	b.waitText("[data-testid=card-section] [data-testid=pay-error]", ", so it can no longer be used here. Pay by card, or pay another way on this page.")
	b.landedWithNotice(strings.TrimPrefix(checkout, b.base))
	if n := strings.Count(b.html(), `data-testid="pay-error"`); n != 1 {
		t.Fatalf("the notice is shown %d times, want once", n)
	}
	// On a phone and a desktop alike the card's name and account each
	// read whole, and nothing pokes out of the card box.
	for _, size := range []struct {
		width, height int64
		phone         bool
	}{{390, 844, true}, {1280, 800, false}} {
		b.viewport(size.width, size.height, size.phone)
		if b.wordsOnOneLine([]string{"Mastercard", "•••• 4444"}) < 2 {
			t.Fatalf("%d px: the card is not named in the notice", size.width)
		}
		b.fits(fmt.Sprint(size.width, " px: the removed card's notice"), "[data-testid=pay-error]", "[data-testid=card-section]")
	}

	b.run(chromedp.Reload(), chromedp.WaitVisible("[data-testid=checkout]", chromedp.ByQuery))
	html := b.html()
	if strings.Contains(html, `data-testid="pay-error"`) || strings.Contains(html, `data-testid="pay-card-`) {
		t.Fatalf("reloaded, the checkout page still shows the notice or the removed card:\n%s", html)
	}
}

// keepCardAndBuyAgain signs up as email, pays an order with a new card
// kept for next time (Mastercard •••• 4444), and buys again: the browser
// is on the new order's checkout, which offers the kept card.
func keepCardAndBuyAgain(b *browser, email string) {
	b.t.Helper()
	signUp(b, email)
	buy(b, "coffee")
	payOnHostedPage(b, "5555 5555 5555 4444", true)
	b.click("[data-testid=card-pay]", "[data-testid=result]")
	b.waitText("[data-testid=result-status]", "Paid")
	buy(b, "notebook")
	b.waitText("[data-testid=card-section]", "Pay with Mastercard •••• 4444")
}
