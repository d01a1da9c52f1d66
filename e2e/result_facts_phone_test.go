package e2e

import (
	"context"
	"strings"
	"testing"

	"github.com/chromedp/cdproto/network"
	"github.com/chromedp/chromedp"

	"antom-checkout/app"
	"antom-checkout/checkout"
	"antom-checkout/lang"
)

// factAmountJS lists the money amounts (each of amounts) broken across
// lines in the result page's facts (dl.facts dd).
const factAmountJS = `((amounts) => {
	const out = [], tops = rects => new Set([...rects].filter(r => r.width > 0).map(r => Math.round(r.top)));
	for (const dd of document.querySelectorAll("dl.facts dd")) {
		const walk = document.createTreeWalker(dd, NodeFilter.SHOW_TEXT);
		for (let t = walk.nextNode(); t; t = walk.nextNode())
			for (const a of amounts) {
				const at = t.data.indexOf(a);
				if (at < 0) continue;
				const r = document.createRange(); r.setStart(t, at); r.setEnd(t, at + a.length);
				if (tops(r.getClientRects()).size > 1) out.push("«" + a + "» broken in «" + dd.textContent.trim() + "» beside «" + dd.previousElementSibling.textContent.trim() + "»");
			}
	}
	return out;
})`

// On a 320 px phone, in every language, the result page of a card
// authorization captured in part keeps each money amount of its facts on
// one line, a part of it refunded too: a long label (Indonesian's) takes
// at most half the row, not the value's room ("US$12,0 / 0" before).
func TestResultFactsKeepAmountsWholeOnANarrowPhone(t *testing.T) {
	srv := startServer(t, map[string]string{"CAPTURE_MODE": app.CaptureManual})
	b := newBrowser(t, srv.URL)
	signUp(b, "facts@example.com")
	buy(b, "coffee") // USD: "US$18,50" in Indonesian
	ref := b.text("[data-testid=order-ref]")
	payOnHostedPage(b, "4242 4242 4242 4242", false)
	b.click("[data-testid=card-pay]", "[data-testid=result]")
	b.waitText("[data-testid=result-status]", "Authorized")
	ctx := context.Background()
	if err := srv.App.Checkout().Capture(ctx, "staff@example.com", ref, 1_200); err != nil {
		t.Fatal(err)
	}
	if _, _, err := srv.App.Checkout().RefundOrder(ctx, "staff@example.com", ref, checkout.RefundInput{Amount: "2", Key: "E2EFACTSREFUND000001"}); err != nil {
		t.Fatal(err)
	}
	b.run(chromedp.EmulateViewport(320, 640, chromedp.EmulateMobile, chromedp.EmulateTouch, chromedp.EmulateScale(1)))
	for _, l := range lang.Languages {
		say := lang.For(l)
		b.run(network.Enable(), network.SetExtraHTTPHeaders(network.Headers{"Accept-Language": l.Code}))
		b.visit("/orders/" + ref)
		amounts := []string{say.Money("USD", 1_200, 2), say.Money("USD", 1_850, 2), say.Money("USD", 200, 2)}
		b.waitText("dl.facts", amounts[0])
		var bad []string
		b.run(chromedp.Evaluate(factAmountJS+`(["`+strings.Join(amounts, `", "`)+`"])`, &bad))
		if len(bad) > 0 {
			b.screenshot()
			t.Fatalf("%s result page at 320 px: %s", l.Code, strings.Join(bad, "; "))
		}
	}
	b.run(network.SetExtraHTTPHeaders(network.Headers{"Accept-Language": "en"}))
	b.asDesktop()
}
