package e2e

import (
	"strings"
	"testing"

	"github.com/chromedp/chromedp"
)

// On a 320 px phone, a product's name reads with its words whole in
// Thai, which writes no spaces between words: "อีนาเมล" (enamel), which
// Chromium's Thai dictionary does not know, broke "อีนา|เมล" in My
// orders; the name breaks between words only, on the storefront, the
// checkout's summary and My orders.
func TestProductNamesKeepThaiWordsWholeOnAPhone(t *testing.T) {
	srv := startServer(t, nil)
	b := newBrowser(t, srv.URL)
	signUp(b, "thai-names@example.com")
	b.viewport(320, 640, true)
	b.visit("/")
	b.switchTo("th")
	buy(b, "mug")
	var checkout string
	b.run(chromedp.Location(&checkout))
	seen := 0
	for _, path := range []string{"/", strings.TrimPrefix(checkout, srv.URL), "/orders"} {
		b.visit(path)
		b.fullScreenshot("th" + strings.ReplaceAll(path, "/", "-"))
		seen += b.wordsOnOneLine([]string{"อีนาเมล"})
	}
	if seen < 3 {
		t.Fatalf("the mug's name seen %d times on the storefront, the checkout and My orders, want 3 or more", seen)
	}
}
