package e2e

import (
	"fmt"
	"testing"

	"github.com/chromedp/chromedp"

	"antom-checkout/lang"
)

// My wallets, in every language, at every phone width from 320 to 390
// px, keeps the date a wallet was linked on one line: never "Linked on
// 6 Dec" / "2026" (lang writes every date as one unit a line does not
// break inside).
func TestMyWalletsKeepDatesWhole(t *testing.T) {
	srv := startServer(t, nil)
	b := newBrowser(t, srv.URL)
	signUp(b, "dates@example.com")
	linkWallet(b, "KAKAOPAY")
	for _, l := range lang.Languages {
		b.viewport(desktopWidth, desktopHeight, false)
		b.visit("/")
		b.switchTo(l.Code)
		b.visit("/wallets")
		var dates []string
		b.run(chromedp.Evaluate(`[...document.querySelectorAll("[data-testid=wallet-row] time")].map(t => t.textContent)`, &dates))
		if len(dates) == 0 {
			t.Fatalf("%s: no date on My wallets", l.Code)
		}
		for width := int64(320); width <= phoneWidth; width++ {
			b.viewport(width, phoneHeight, true)
			if b.wordsOnOneLine(dates) < len(dates) {
				t.Fatalf("%s at %d px: %v not all on the page", l.Code, width, dates)
			}
			if b.t.Failed() {
				b.fullScreenshot(fmt.Sprint("dates-", l.Code, "-", width))
				t.FailNow()
			}
		}
	}
}
