package e2e

import (
	"context"
	"fmt"
	"strings"
	"testing"
	"time"

	"antom-checkout/antom/sandbox"
	"antom-checkout/checkout"
	"antom-checkout/lang"
)

// Thai result pages keep its compounds of two words that read as one
// (lang.Language.Whole) on one line at every phone width from 320 to 390
// px and at the desktop's: a card declined by a security check
// ("ตรวจ|สอบ" broke at 320 px), a refund that failed and is still owed
// ("ร้าน|ค้า"), a wallet payment still being confirmed ("คาด|ว่า"), and
// one refunded in full, its refund on its way ("เต็ม|จำนวน"); and the
// sandbox's hosted card page names the Tokoname teapot whole
// ("กาน้ำชาโทโคนา|เมะ" broke there at 320 px).
// Each page must show its word, so the sweep looks at something.
func TestThaiResultsKeepCompoundsWhole(t *testing.T) {
	srv := startServer(t, nil)
	b := newBrowser(t, srv.URL)
	b.viewport(desktopWidth, desktopHeight, false)
	signUp(b, "compounds@example.com")
	linkWallet(b, "KAKAOPAY")

	// A card declined by a security check.
	buy(b, "teapot")
	declined := b.text("[data-testid=order-ref]")
	payOnHostedPage(b, "4000 0000 0000 0002", false)
	b.click("[data-testid=card-pay]", "[data-testid=result]")
	b.waitText("[data-testid=result-status]", words(t, "en", "orders.state_failed"))

	// A refund Antom refused: owed, as far as the shop knows.
	buy(b, "coffee")
	owed := b.text("[data-testid=order-ref]")
	b.click("[data-testid^=pay-wallet-]", "[data-testid=result]")
	b.waitText("[data-testid=result-status]", words(t, "en", "orders.state_paid"))
	srv.App.Sandbox().Faults().SetAPI("payments/refund", sandbox.APIFault{NotFoundNext: 1})
	_, _, _ = srv.App.Checkout().RefundOrder(context.Background(), "staff@example.com", owed,
		checkout.RefundInput{Amount: "5", Key: "E2ECOMPOUNDREFUND000001"})

	// A wallet payment Antom has not answered yet.
	buy(b, "matcha")
	processing := b.text("[data-testid=order-ref]")
	pay := srv.App.Sandbox().Faults().Hold("payments/pay")
	t.Cleanup(pay.Release)
	b.click("[data-testid^=pay-wallet-]", "[data-testid=result]")
	b.waitText("[data-testid=result-status]", words(t, "en", "orders.state_processing"))

	// A wallet payment refunded in full, its refund not answered yet: on
	// its way ("กำลังคืนเงินให้คุณเต็มจำนวน", which broke "เต็ม|จำนวน").
	buy(b, "coffee")
	refunding := b.text("[data-testid=order-ref]")
	total := strings.TrimPrefix(b.text("[data-testid=order-total]"), "$")
	b.click("[data-testid^=pay-wallet-]", "[data-testid=result]")
	b.waitText("[data-testid=result-status]", words(t, "en", "orders.state_paid"))
	srv.App.Sandbox().SetRefundDelay(time.Hour) // accepted, not made while the test looks
	if _, _, err := srv.App.Checkout().RefundOrder(context.Background(), "staff@example.com", refunding,
		checkout.RefundInput{Amount: total, Key: "E2ECOMPOUNDREFUND000002"}); err != nil {
		t.Fatalf("refund %s of %s: %v", total, refunding, err)
	}

	b.switchTo("th")
	th, _ := lang.ByCode("th")
	for _, page := range []struct{ what, ref, word, sel, id string }{
		{"declined", declined, "ตรวจสอบ", "[data-testid=result-status]", "orders.state_failed"},
		{"refund owed", owed, "ร้านค้า", "[data-testid=refund-failed]", ""},
		{"processing", processing, "คาดว่า", "[data-testid=result-status]", "orders.state_processing"},
		{"refunding in full", refunding, "เต็มจำนวน", "[data-testid=result-headline-text]", "result.head_paid_refunding"},
	} {
		whole := th.Whole()
		if !contains(whole, page.word) {
			t.Errorf("%q is not among Thai's whole words", page.word)
			whole = append(whole, page.word) // looked at all the same
		}
		b.viewport(desktopWidth, desktopHeight, false)
		b.visit("/orders/" + page.ref)
		if page.id != "" {
			b.waitText(page.sel, words(t, "th", page.id))
		} else {
			b.waitText(page.sel, page.word)
		}
		b.wordsOnOneLine(whole)
		for width := int64(320); width <= phoneWidth; width += 2 {
			b.viewport(width, phoneHeight, true)
			if width == 320 || width == phoneWidth {
				b.fullScreenshot(fmt.Sprintf("th-%s-%d", page.what, width))
				b.noSidewaysScroll()
			}
			b.wordsOnOneLine(whole)
		}
		if b.wordsOnOneLine([]string{page.word}) == 0 {
			t.Fatalf("%s: %q is not on the Thai result page", page.what, page.word)
		}
	}

	// The sandbox's hosted card page, which names the order as the shop
	// wrote it: the Tokoname teapot's "โทโคนาเมะ" broke "โทโคนา|เมะ".
	b.viewport(desktopWidth, desktopHeight, false)
	buy(b, "teapot")
	b.click("[data-testid=pay-card]", "[data-testid=card-description]")
	teapot := []string{"กาน้ำชา", "โทโคนาเมะ"}
	for _, w := range teapot {
		if !contains(th.Whole(), w) {
			t.Errorf("%q is not among Thai's whole words", w)
		}
	}
	for width := int64(320); width <= phoneWidth; width += 2 {
		b.viewport(width, phoneHeight, true)
		if width == 320 {
			b.fullScreenshot("th-card-page-320")
		}
		b.wordsOnOneLine(teapot)
	}
	if b.wordsOnOneLine(teapot) != len(teapot) {
		t.Fatalf("the Thai card page does not name the teapot: %q", b.text("[data-testid=card-description]"))
	}
}
