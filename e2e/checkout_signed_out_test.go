package e2e

import (
	"fmt"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"antom-checkout/lang"
)

// A signed-in buyer's checkout page left open whose buyer signs out in
// another tab says so, as the result and Scan to Link pages do: within
// moments its signed-out bar leads to sign in again and back to this
// checkout, its forms (pay, link, sign out) are disabled, and the bar
// fits the desktop's width and a phone's two, in English, Korean and
// Thai. It showed nothing: the buyer pressed Pay and was sent to sign in.
func TestCheckoutPageSaysSignedOut(t *testing.T) {
	srv := startServer(t, nil)
	b := newBrowser(t, srv.URL)
	for _, code := range []string{"en", "ko", "th"} {
		b.viewport(desktopWidth, desktopHeight, false)
		signUp(b, code+".checkout.signedout@example.com")
		b.switchTo(code)
		buy(b, "coffee")
		ref := b.text("[data-testid=order-ref]")

		other := b.tab() // the same browser: the same session
		other.visit("/")
		other.click("form[action='/signout'] button[type=submit]", "[data-testid=products]")
		b.waitSignedOutBar(10 * time.Second)
		l, _ := lang.ByCode(code)
		say := lang.For(l)
		b.waitText("[data-testid=signed-out]", say.T("checkout.signed_out", lang.Args{"Link": say.T("layout.signed_out_link")}))
		if forms, enabled := b.formFields(`p !== "/lang"`); forms < 2 || enabled != 0 {
			t.Fatalf("%s: signed out, %d buyer forms (pay, sign out), %d of their fields and buttons still enabled", code, forms, enabled)
		}
		var href string
		var ok bool
		b.run(chromedp.AttributeValue("[data-testid=signed-out] a", "href", &href, &ok, chromedp.ByQuery))
		if want := "/signin?next=%2Fcheckout%2F" + ref; href != want {
			t.Fatalf("%s: the sign-in link goes to %q, want %q", code, href, want)
		}
		for _, size := range []struct {
			width, height int64
			phone         bool
		}{{desktopWidth, desktopHeight, false}, {phoneWidth, phoneHeight, true}, {320, 640, true}} {
			b.viewport(size.width, size.height, size.phone)
			b.fullScreenshot(fmt.Sprintf("%s-%d", code, size.width))
			b.fits(fmt.Sprintf("%s at %d px", code, size.width), "[data-testid=signed-out]", "main")
		}
	}
}
