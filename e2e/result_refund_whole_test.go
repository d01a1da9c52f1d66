package e2e

import (
	"context"
	"fmt"
	"testing"
	"time"

	"github.com/chromedp/cdproto/network"

	"antom-checkout/antom/sandbox"
	"antom-checkout/checkout"
	"antom-checkout/lang"
)

// A refund of the whole payment that Antom has not answered, and one it
// refused (all of it still owed), headline the buyer's result page so —
// "A refund of your whole payment is being confirmed", "… is still owed
// to you" — not "Thank you for your order / Your order is paid" above
// the refund's notice (trial), in every language, at 1280×800 and on a
// 390×844 phone, the headline inside the page and nothing scrolling
// sideways. So do a whole payment part of which is on its way (or being
// confirmed) and the rest owed by a refund that failed: "Part of your
// payment is on its way back; the rest is still owed to you".
func TestWholeRefundConfirmingOrOwedHeadlines(t *testing.T) {
	srv := startServer(t, nil)
	buyer := newBrowser(t, srv.URL)
	signUp(buyer, "whole.refund@example.com")
	linkWallet(buyer, "GCASH")
	faults := srv.App.Sandbox().Faults()
	refundAll := func(ref, key string) {
		t.Helper()
		if _, _, err := srv.App.Checkout().RefundOrder(context.Background(), "staff@example.com", ref,
			checkout.RefundInput{Amount: "37.00", Key: key}); err != nil {
			t.Fatalf("refund all of %s: %v", ref, err)
		}
	}
	owed := paidOrder(buyer)
	faults.SetAPI("payments/refund", sandbox.APIFault{NotFoundNext: 1}) // refused: all of it owed
	refundAll(owed, "E2EWHOLEREFUNDOWED0001")
	confirming := paidOrder(buyer)
	faults.SetAPI("payments/refund", sandbox.APIFault{UnknownNext: 2})           // no answer: being confirmed
	faults.SetAPI("payments/inquiryRefund", sandbox.APIFault{UnknownNext: 1000}) // nor to the reconciler's asks while the test looks
	refundAll(confirming, "E2EWHOLEREFUNDCONF0001")
	refund := func(ref, amount, key string) {
		t.Helper()
		if _, _, err := srv.App.Checkout().RefundOrder(context.Background(), "staff@example.com", ref,
			checkout.RefundInput{Amount: amount, Key: key}); err != nil {
			t.Fatalf("refund %s of %s: %v", amount, ref, err)
		}
	}
	srv.App.Sandbox().SetRefundDelay(time.Hour) // a refund accepted stays on its way
	onWayOwed := paidOrder(buyer)
	refund(onWayOwed, "30.00", "E2EWHOLEREFUNDWAYS0001")
	faults.SetAPI("payments/refund", sandbox.APIFault{NotFoundNext: 1}) // the rest refused: owed
	refund(onWayOwed, "7.00", "E2EWHOLEREFUNDWAYS0002")
	confirmingOwed := paidOrder(buyer)
	faults.SetAPI("payments/refund", sandbox.APIFault{UnknownNext: 2})
	refund(confirmingOwed, "30.00", "E2EWHOLEREFUNDCOWE0001")
	faults.SetAPI("payments/refund", sandbox.APIFault{NotFoundNext: 1})
	refund(confirmingOwed, "7.00", "E2EWHOLEREFUNDCOWE0002")

	all := lang.For(lang.Languages[0]).Money("USD", 3700, 2)
	buyer.visit("/orders/" + confirming)
	buyer.waitText("[data-testid=refund-being-confirmed]", "A refund of "+all+" is being confirmed.")
	buyer.visit("/orders/" + owed)
	buyer.waitText("[data-testid=refund-failed]", all+" is still owed to you")
	for _, size := range []struct{ width, height int64 }{{1280, 800}, {390, 844}} {
		if size.width == 390 {
			buyer.asPhone()
		} else {
			buyer.asDesktop()
		}
		for _, l := range lang.Languages {
			say := lang.For(l)
			buyer.run(network.Enable(), network.SetExtraHTTPHeaders(network.Headers{"Accept-Language": l.Code}))
			for _, page := range []struct{ what, ref, head string }{
				{"being confirmed", confirming, "result.head_paid_refund_confirming"},
				{"owed", owed, "result.head_paid_refund_owed"},
				{"on its way, the rest owed", onWayOwed, "result.head_paid_refund_on_way_owed"},
				{"being confirmed, the rest owed", confirmingOwed, "result.head_paid_refund_confirming_owed"},
			} {
				buyer.visit("/orders/" + page.ref)
				buyer.waitText("[data-testid=result-headline-text]", say.T(page.head))
				buyer.waitText("[data-testid=result-detail]", say.T("result.detail_paid_refunding", lang.Args{"Charged": say.Money("USD", 3700, 2)}))
				if l.Code == "en" || l.Code == "th" || l.Code == "ko" {
					buyer.fullScreenshot(fmt.Sprint("whole-", page.what, "-", l.Code, "-", size.width))
				}
				buyer.fits(fmt.Sprint(l.Code, " ", size.width, " px ", page.what), "[data-testid=result-headline-text]", ".result")
			}
		}
	}
	buyer.run(network.SetExtraHTTPHeaders(network.Headers{"Accept-Language": "en"}))
	buyer.asDesktop()
}
