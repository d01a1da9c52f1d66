package e2e

import (
	"fmt"
	"testing"
	"time"

	"github.com/chromedp/cdproto/network"
	"github.com/chromedp/chromedp"

	"antom-checkout/antom/sandbox"
	"antom-checkout/lang"
)

// Refunds still under way, which the order's result page says ("A refund
// of $5.00 is on its way to you"), My orders' line of the order says
// too, in every language, at 1280×800 and on a 390×844 phone: one Antom
// accepted (being refunded) and one whose answer did not come (being
// confirmed), each amount whole under the order's total, nothing poking
// out of its row and nothing scrolling sideways. It read "$37.00 · Paid"
// alone (trial).
func TestMyOrdersSayRefundsUnderWay(t *testing.T) {
	srv, buyer, staff, ref := paidWithStaff(t, "under.way@example.com")
	srv.App.Sandbox().SetRefundDelay(time.Hour) // accepted, made later
	refundFive(staff, "[data-testid=flash]")
	staff.waitText("[data-testid=flash]", "Refund of $5.00 sent; Antom is still processing it.")
	srv.App.Sandbox().Faults().SetAPI("payments/refund", sandbox.APIFault{UnknownNext: 2})           // no answer: being confirmed
	srv.App.Sandbox().Faults().SetAPI("payments/inquiryRefund", sandbox.APIFault{UnknownNext: 1000}) // and none to the reconciler's asks while the test looks
	staff.visit("/admin/orders/" + ref)
	refundFive(staff, "[data-testid=flash]")
	buyer.visit("/orders/" + ref)
	buyer.waitText("[data-testid=refund-being-confirmed]", "A refund of $5.00 is being confirmed.")
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
			five := say.Money("USD", 500, 2)
			row := "[data-ref=" + ref + "] "
			buyer.waitText(row+"[data-testid=order-refunding]", say.T("orders.refunding_amount", lang.Args{"Amount": five}))
			buyer.waitText(row+"[data-testid=order-refund-confirming]", say.T("orders.refund_confirming_amount", lang.Args{"Amount": five}))
			if l.Code == "en" || l.Code == "th" || l.Code == "zh-Hans" {
				buyer.fullScreenshot(fmt.Sprint("under-way-", l.Code, "-", size.width))
			}
			var bad []string
			buyer.run(chromedp.Evaluate(orderAmountJS+`(["`+five+`", "`+say.Money("USD", 3700, 2)+`"])`, &bad))
			if len(bad) > 0 {
				t.Fatalf("%s %d px My orders: %v", l.Code, size.width, bad)
			}
			buyer.fits(fmt.Sprint(l.Code, " ", size.width, " px My orders"), ".order-row", ".order-list")
		}
	}
	buyer.run(network.SetExtraHTTPHeaders(network.Headers{"Accept-Language": "en"}))
	buyer.asDesktop()
}
