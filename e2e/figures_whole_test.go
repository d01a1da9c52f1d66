package e2e

import (
	"fmt"
	"testing"

	"github.com/chromedp/chromedp"

	"antom-checkout/lang"
)

// The storefront, in every language, at every phone width from 320 to
// 390 px and at the desktop's, never breaks a money figure inside itself:
// the test payment's yen figures ("¥…91", "¥…94", which broke "¥…|91" on
// the Korean storefront; "(¥…91" with the parenthesis a catalog opens
// before it, which Thai left alone at a line's end; Korean's range
// "¥…91~¥…94)" and Chinese's "¥…94）", all one word) and each product's
// price, as the page shows it.
func TestStorefrontKeepsFiguresWhole(t *testing.T) {
	srv := startServer(t, nil)
	b := newBrowser(t, srv.URL)
	b.viewport(desktopWidth, desktopHeight, false)
	for _, l := range lang.Languages {
		b.visit("/")
		b.switchTo(l.Code)
		b.visit("/")
		var prices []string
		b.run(chromedp.Evaluate(`[...document.querySelectorAll("[data-testid^=price-]")].map(p => p.textContent.trim())`, &prices))
		// The figures say yen as the prices do ("JP¥" in Simplified
		// Chinese, where "¥" alone is yuan).
		yen := lang.For(l).Symbol("JPY")
		// Where the catalog opens a parenthesis before the first figure,
		// it stays with it: a Thai line at 320 px ended "(" alone.
		first, opened := yen+"…91", false
		b.run(chromedp.Evaluate(`document.body.textContent.includes(`+quoteJS("("+yen+"…91")+`)`, &opened))
		if opened {
			first = "(" + yen + "…91"
		}
		figures := append([]string{first, yen + "…94"}, prices...)
		// What a catalog writes onto a figure with no space between goes
		// with it: Korean's range broke "¥…91~ ⏎ ¥…94)" at 340–375 px.
		for _, whole := range []string{yen + "…91~" + yen + "…94)", yen + "…94）"} {
			var has bool
			b.run(chromedp.Evaluate(`document.body.textContent.includes(`+quoteJS(whole)+`)`, &has))
			if has {
				figures = append(figures, whole)
			}
		}
		if len(prices) == 0 {
			t.Fatalf("%s: no prices on the storefront", l.Code)
		}
		for width := int64(320); width <= phoneWidth; width += 2 {
			b.viewport(width, phoneHeight, true)
			b.wordsOnOneLine(figures)
		}
		if seen := b.wordsOnOneLine(figures); seen < len(figures) {
			b.fullScreenshot(fmt.Sprint("figures-", l.Code))
			t.Fatalf("%s: %d of %v on the storefront", l.Code, seen, figures)
		}
		b.viewport(desktopWidth, desktopHeight, false)
		b.wordsOnOneLine(figures)
	}
}
