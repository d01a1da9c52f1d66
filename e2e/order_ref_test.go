package e2e

import (
	"fmt"
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

// On a 390 px phone and a narrow 320 px one, in every language, an
// order's ref reads whole — on My orders (its narrow column), the
// checkout (under its label: beside a long one, as in Thai, it ran past
// the card) and the result page — and each row and the checkout's facts
// still hold everything inside their box.
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
	for _, width := range []int64{390, 320} {
		b.run(chromedp.EmulateViewport(width, 844, chromedp.EmulateMobile, chromedp.EmulateTouch, chromedp.EmulateScale(1)))
		for _, l := range lang.Languages {
			what := fmt.Sprintf("%s at %d px", l.Code, width)
			b.run(network.Enable(), network.SetExtraHTTPHeaders(network.Headers{"Accept-Language": l.Code}))
			b.visit("/orders")
			b.refsWhole(what+" My orders", "[data-testid=order-row-ref]")
			b.fits(what+" My orders", ".order-row", ".order-list")
			b.visit(checkoutPath)
			b.refsWhole(what+" checkout", "[data-testid=order-ref]")
			b.fits(what+" checkout", "[data-testid=order-summary] dl", ".summary")
			b.visit("/orders/" + paid)
			b.refsWhole(what+" result", "[data-testid=result-ref]")
			b.noSidewaysScroll()
		}
	}
}

// An order ref in a heading reads whole at every size, never split at
// its hyphen, and inside the heading: staff's order page, and a
// confirmation's question ("Refund $5.00 of order ORD-…?", whose card is
// narrower than the ref at the heading's size from 620 px up), from a
// phone (320 px for the confirmation) to the desktop (1280 px). So does the buyer's
// result page's ref, in every language, at the widths between a tablet
// and the desktop.
func TestOrderRefsWholeInHeadings(t *testing.T) {
	_, buyer, staff, ref := paidWithStaff(t, "heading.ref@example.com")
	// (The page's attempts table holds a paymentId, digits without a
	// hyphen, wider than a 320 px phone's card: it breaks there rather
	// than scroll the page sideways.)
	for _, w := range []int64{320, 360, 390, 700, 1000, 1280} {
		staff.run(chromedp.EmulateViewport(w, 844))
		staff.visit("/admin/orders/" + ref)
		what := fmt.Sprintf("order page at %d px", w)
		staff.refsWhole(what, "h1 .ref")
		staff.fits(what, "h1", "")
		staff.noSidewaysScroll()
	}
	staff.run(chromedp.EmulateViewport(1280, 800))
	staff.visit("/admin/orders/" + ref)
	staff.run(chromedp.SetValue("[data-testid=refund-amount]", "5.00", chromedp.ByQuery))
	staff.click("[data-testid=refund-submit]", "[data-testid=confirm]")
	for _, w := range []int64{320, 390, 700, 1000, 1280} {
		staff.run(chromedp.EmulateViewport(w, 844))
		what := fmt.Sprintf("refund confirmation at %d px", w)
		staff.refsWhole(what, "h1 .ref")
		staff.fits(what, "h1", "")
	}

	for _, l := range lang.Languages {
		buyer.run(network.Enable(), network.SetExtraHTTPHeaders(network.Headers{"Accept-Language": l.Code}))
		for _, w := range []int64{700, 1000, 1280} {
			buyer.run(chromedp.EmulateViewport(w, 844))
			buyer.visit("/orders/" + ref)
			what := fmt.Sprintf("%s result at %d px", l.Code, w)
			buyer.refsWhole(what, "[data-testid=result-ref]")
			buyer.fits(what, "[data-testid=result-ref]", "")
		}
	}
}
