package e2e

import (
	"testing"

	"github.com/chromedp/chromedp"
)

// A buyer whose email is long is named in the header of every page they
// see: on a phone the email wraps in the header rather than push the page
// (and Sign out) sideways off the screen.
func TestBuyerLongEmailFitsAPhone(t *testing.T) {
	srv := startServer(t, nil)
	b := newBrowser(t, srv.URL)
	signUp(b, "a.very.long.buyer.name.for.testing.wrapping.behaviour.of.pages@extremely-long-subdomain.example-company-domain.com")
	buy(b, "coffee")
	var checkout string
	b.run(chromedp.Evaluate(`location.pathname`, &checkout))
	b.asPhone()
	for _, path := range []string{"/", "/orders", "/wallets", checkout} {
		b.visit(path)
		b.fits(path, ".site-header .bar, .site-header .nav", "main")
	}
}
