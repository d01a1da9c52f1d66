package e2e

import (
	"fmt"
	"strings"
	"testing"

	"github.com/chromedp/cdproto/network"
	"github.com/chromedp/chromedp"

	"antom-checkout/lang"
)

// cardFormJS lists what reads badly in Antom's (sandbox) card form: a
// field's label over more than one line ("วันหมดอายุ" / "(MM/YY)" beside
// the CVC's one-line label), and two fields side by side whose inputs do
// not line up.
const cardFormJS = `(() => {
	const out = [];
	for (const l of document.querySelectorAll("[data-testid=card-form] label")) {
		const r = document.createRange(); r.selectNodeContents(l);
		const tops = new Set([...r.getClientRects()].filter(c => c.width > 0).map(c => Math.round(c.top)));
		if (tops.size > 1) out.push("label «" + l.textContent + "» over " + tops.size + " lines, " + l.getBoundingClientRect().width.toFixed(1) + " px wide");
	}
	const [expiry, cvc] = ["#expiry", "#cvc"].map(s => document.querySelector(s).getBoundingClientRect());
	const beside = expiry.right <= cvc.left || cvc.right <= expiry.left;
	if (beside && Math.abs(expiry.top - cvc.top) >= 1) out.push("expiry and CVC inputs side by side " + Math.abs(expiry.top - cvc.top).toFixed(1) + " px apart in height");
	return out;
})()`

// Antom's (sandbox) hosted card page fits a phone, 320 px and 390 px
// wide, and a desktop in every language it speaks (the browser's,
// Accept-Language), with and without field errors: each field's label
// reads on one line — where the expiry's and the CVC's labels do not fit
// side by side (Thai's "วันหมดอายุ (MM/YY)"), the CVC goes under the
// expiry —, inputs side by side line up, and nothing pokes out.
func TestCardPageFitsAPhoneInEveryLanguage(t *testing.T) {
	srv := startServer(t, nil)
	b := newBrowser(t, srv.URL)
	buy(b, "matcha")
	b.click("[data-testid=pay-card]", "[data-testid=card-number]")
	var page string
	b.run(chromedp.Location(&page))
	for _, size := range []int64{320, 390, 1280} {
		b.viewport(size, 800, size < 1000)
		for _, l := range lang.Languages {
			b.run(network.Enable(), network.SetExtraHTTPHeaders(network.Headers{"Accept-Language": l.Code}))
			for _, errors := range []bool{false, true} {
				b.open(page)
				b.waitText("html", "")
				if errors {
					b.click("[data-testid=card-pay]", "[data-testid=card-error-number]")
				}
				b.fullScreenshot(fmt.Sprint(l.Code, "-", size, "-", errors))
				var bad []string
				b.run(chromedp.Evaluate(cardFormJS, &bad))
				if len(bad) > 0 {
					b.screenshot()
					t.Fatalf("%s card page at %d px (field errors %v): %s", l.Code, size, errors, strings.Join(bad, "; "))
				}
				b.fits(fmt.Sprint(l.Code, " card page at ", size, " px"), "[data-testid=card-form]", "")
			}
		}
	}
	b.run(network.SetExtraHTTPHeaders(network.Headers{"Accept-Language": "en"}))
}
