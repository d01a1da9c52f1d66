package e2e

import (
	"testing"

	"github.com/chromedp/cdproto/network"
	"github.com/chromedp/chromedp"
)

// A buyer whose phone asks for Thai pays by card with a 3-D Secure test
// card: Antom's (sandbox) card page, its field errors and its challenge
// speak Thai as the shop does — the checkout sends its language
// (env.deviceLanguage) — and fit a 320 px phone; the payment goes through.
func TestCardPageInTheBrowsersLanguage(t *testing.T) {
	srv := startServer(t, nil)
	b := newBrowser(t, srv.URL)
	b.run(network.Enable(), network.SetExtraHTTPHeaders(network.Headers{"Accept-Language": "th-TH,th;q=0.9"}))
	b.viewport(320, 640, true)
	buy(b, "matcha")
	b.click("[data-testid=pay-card]", "[data-testid=card-number]")
	var htmlLang string
	b.run(chromedp.AttributeValue("html", "lang", &htmlLang, nil, chromedp.ByQuery))
	if htmlLang != "th" {
		t.Fatalf("the card page is <html lang=%q>, want th", htmlLang)
	}
	b.waitText("label[for=number]", "หมายเลขบัตร")
	b.waitText("[data-testid=card-cancel]", "ยกเลิกและกลับไปที่ร้านค้า")
	b.noSidewaysScroll()
	b.fullScreenshot("form")

	b.click("[data-testid=card-pay]", "[data-testid=card-error-number]")
	b.waitText("[data-testid=card-error-number]", "กรอกหมายเลขบัตร")
	b.fullScreenshot("errors")

	fillCard(b, "4000 0000 0000 3220")
	b.click("[data-testid=card-pay]", "[data-testid=challenge-code]")
	b.waitText("h1", "ยืนยันว่าเป็นคุณ")
	b.waitText("[data-testid=challenge-ask]", "ที่ลงท้ายด้วย 3220")
	b.noSidewaysScroll()
	b.fullScreenshot("challenge")
	b.run(chromedp.SendKeys("[data-testid=challenge-code]", "123456", chromedp.ByQuery))
	b.click("[data-testid=challenge-submit]", "[data-testid=result]")
	b.waitText("[data-testid=result-headline]", words(t, "th", "result.head_paid"))
}
