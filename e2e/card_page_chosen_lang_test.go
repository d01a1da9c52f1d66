package e2e

import (
	"fmt"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"

	"antom-checkout/lang"
)

// A buyer whose browser asks for English but who chose Korean or Thai in
// the shop pays by card: Antom's (sandbox) card page speaks the language
// the checkout sent it (env.deviceLanguage), names the order as the
// checkout does in that language, and writes the amount as the checkout
// does — it said "1 × Tokoname teapot" and "JPY 5,800" whatever the
// buyer's language. English is read too; each at 1280, 390 and 320 px,
// where the order's quantity stays on the line of its item.
func TestCardPageSpeaksTheCheckoutsLanguage(t *testing.T) {
	srv := startServer(t, nil)
	b := newBrowser(t, srv.URL)
	for _, code := range []string{"en", "ko", "th"} {
		b.viewport(desktopWidth, desktopHeight, false)
		b.visit("/")
		b.switchTo(code)
		buy(b, "teapot")
		total := b.text("[data-testid=order-total]")
		l, _ := lang.ByCode(code)
		say := lang.For(l)
		line := say.T("checkout.order_line", lang.Args{"Quantity": 1, "Product": say.T("product.teapot.name")})
		b.click("[data-testid=pay-card]", "[data-testid=card-number]")
		var htmlLang string
		b.run(chromedp.AttributeValue("html", "lang", &htmlLang, nil, chromedp.ByQuery))
		if htmlLang != code {
			t.Fatalf("%s: the card page is <html lang=%q>", code, htmlLang)
		}
		if got := b.text("[data-testid=card-amount]"); got != total || strings.Contains(got, "JPY") {
			t.Errorf("%s: the card page's amount is %q, the checkout's %q", code, got, total)
		}
		b.waitText("main", line)
		for _, size := range []struct {
			width, height int64
			phone         bool
		}{{desktopWidth, desktopHeight, false}, {phoneWidth, phoneHeight, true}, {320, 640, true}} {
			b.viewport(size.width, size.height, size.phone)
			b.fullScreenshot(fmt.Sprintf("%s-%d", code, size.width))
			b.noSidewaysScroll()
			// The quantity stays with the item: Thai's "× 1" went alone
			// to a line of its own at 320 px.
			for _, l := range b.linesOf("[data-testid=card-description]") {
				if strings.Contains(l, "×") && strings.Trim(l, "×0123456789 \u00a0") == "" {
					t.Errorf("%s at %d px: the quantity alone on a line: %q", code, size.width, b.linesOf("[data-testid=card-description]"))
				}
			}
		}
		b.click("[data-testid=card-cancel]", "[data-testid=result]")
	}
}
