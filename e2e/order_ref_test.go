package e2e

import (
	"testing"

	"github.com/chromedp/cdproto/network"
	"github.com/chromedp/chromedp"

	"antom-checkout/lang"
)

// refSplitJS lists the order refs matching sel that do not read on one
// line (a ref split at its hyphen: "ORD-20261201-" / "5RG94VYD5X").
const refSplitJS = `((sel) => [...document.querySelectorAll(sel)].filter(el => {
	const range = document.createRange();
	range.selectNodeContents(el);
	return new Set([...range.getClientRects()].filter(r => r.width > 0).map(r => Math.round(r.top))).size > 1;
}).map(el => el.textContent.trim()))`

// refsWhole fails the test when a ref matching sel is split over lines.
func (b *browser) refsWhole(what, sel string) {
	b.t.Helper()
	var split []string
	b.run(chromedp.Evaluate(refSplitJS+`(`+quoteJS(sel)+`)`, &split))
	if len(split) > 0 {
		b.t.Fatalf("%s: refs split over lines: %q", what, split)
	}
}

// On a 390 px phone, in every language, an order's ref reads whole — on
// My orders (its narrow column), the checkout and the result page — and
// each row still holds everything inside its box.
func TestOrderRefsWholeOnAPhone(t *testing.T) {
	srv := startServer(t, nil)
	b := newBrowser(t, srv.URL)
	buy(b, "coffee")
	var checkoutPath string
	b.run(chromedp.Evaluate(`location.pathname`, &checkoutPath))
	buy(b, "matcha")
	paid := b.text("[data-testid=order-ref]")
	payOnHostedPage(b, "4242 4242 4242 4242", false)
	b.click("[data-testid=card-pay]", "[data-testid=result]")
	b.waitText("[data-testid=result-status]", "Paid")
	b.asPhone()
	for _, l := range lang.Languages {
		b.run(network.Enable(), network.SetExtraHTTPHeaders(network.Headers{"Accept-Language": l.Code}))
		b.visit("/orders")
		b.refsWhole(l.Code+" My orders", "[data-testid=order-row-ref]")
		b.fits(l.Code+" My orders", ".order-row", ".order-list")
		b.visit(checkoutPath)
		b.refsWhole(l.Code+" checkout", "[data-testid=order-ref]")
		b.visit("/orders/" + paid)
		b.refsWhole(l.Code+" result", "[data-testid=result-ref]")
		b.noSidewaysScroll()
	}
}
