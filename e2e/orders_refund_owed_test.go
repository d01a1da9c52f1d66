package e2e

import (
	"fmt"
	"testing"

	"github.com/chromedp/cdproto/network"
	"github.com/chromedp/chromedp"

	"antom-checkout/lang"
)

// A refund that failed leaves money owed to the buyer, which the order's
// receipt says; My orders' line of the order says it too, in every
// language, at 1280×800 and on a 390×844 phone: the amount with its words
// under the order's name, every money amount whole, nothing poking out
// of its row and nothing scrolling sideways.
func TestMyOrdersSayAFailedRefundOwed(t *testing.T) {
	_, buyer, _, ref := refusedRefund(t, "owed.line@example.com")
	for _, size := range []struct{ width, height int64 }{{1280, 800}, {390, 844}} {
		if size.width == 390 {
			buyer.asPhone()
		} else {
			buyer.asDesktop()
		}
		for _, l := range lang.Languages {
			say := lang.For(l)
			buyer.run(network.Enable(), network.SetExtraHTTPHeaders(network.Headers{"Accept-Language": l.Code}))
			buyer.visit("/orders")
			owed := say.Money("USD", 500, 2)
			buyer.waitText("[data-ref="+ref+"] [data-testid=order-refund-owed]", say.T("orders.refund_owed", lang.Args{"Amount": owed}))
			if l.Code == "en" || l.Code == "th" || l.Code == "zh-Hans" {
				buyer.fullScreenshot(fmt.Sprint(l.Code, "-", size.width))
			}
			var bad []string
			buyer.run(chromedp.Evaluate(orderAmountJS+`(["`+owed+`", "`+say.Money("USD", 3700, 2)+`"])`, &bad))
			if len(bad) > 0 {
				t.Fatalf("%s %d px My orders: %v", l.Code, size.width, bad)
			}
			buyer.fits(fmt.Sprint(l.Code, " ", size.width, " px My orders"), ".order-row", ".order-list")
		}
	}
	buyer.run(network.SetExtraHTTPHeaders(network.Headers{"Accept-Language": "en"}))
	buyer.asDesktop()
}
