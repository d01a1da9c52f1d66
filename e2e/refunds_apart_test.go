package e2e

import (
	"context"
	"fmt"
	"strings"
	"testing"

	"github.com/chromedp/cdproto/network"
	"github.com/chromedp/chromedp"

	"antom-checkout/checkout"
	"antom-checkout/lang"
)

// refundsApartJS lists, for the result page's refunds (ul.refunds), the
// items that touch the one before them (less than minGap px between
// their boxes, and no rule between them), and the amounts (each of
// amounts) broken across lines in an item.
const refundsApartJS = `((minGap, amounts) => {
	const out = [], items = [...document.querySelectorAll("ul.refunds > li")];
	if (items.length < 2) out.push(items.length + " refunds listed");
	for (let i = 1; i < items.length; i++) {
		const gap = items[i].getBoundingClientRect().top - items[i - 1].getBoundingClientRect().bottom;
		const rule = parseFloat(getComputedStyle(items[i]).borderTopWidth) > 0;
		if (gap < minGap && !rule) out.push("«" + items[i - 1].textContent.trim() + "» and «" + items[i].textContent.trim() + "» " + gap.toFixed(1) + " px apart, no rule");
	}
	const tops = rects => new Set([...rects].filter(r => r.width > 0).map(r => Math.round(r.top)));
	for (const li of items) {
		const walk = document.createTreeWalker(li, NodeFilter.SHOW_TEXT);
		let text = "", nodes = [];
		for (let t = walk.nextNode(); t; t = walk.nextNode()) { nodes.push([t, text.length]); text += t.data; }
		for (const a of amounts) {
			const at = text.indexOf(a);
			if (at < 0) continue;
			const r = document.createRange();
			for (const [t, from] of nodes) {
				if (at >= from && at < from + t.length) r.setStart(t, at - from);
				if (at + a.length > from && at + a.length <= from + t.length) r.setEnd(t, at + a.length - from);
			}
			if (tops(r.getClientRects()).size > 1) out.push("«" + a + "» broken in «" + li.textContent.trim() + "»");
		}
	}
	return out;
})`

// On a phone (320 px and 390 px), in every language, the result page's
// refunds — each an item that wraps over two or three lines there
// ("2026년 12월 5일 오후 7:45 UTC US$5.00") — are set apart from one
// another (a gap of at least 6 px, or a rule), never one run of lines,
// and each amount reads on one line.
func TestResultRefundsSetApartOnAPhone(t *testing.T) {
	srv := startServer(t, nil)
	b := newBrowser(t, srv.URL)
	signUp(b, "refunds-apart@example.com")
	buy(b, "coffee") // US$18.50
	ref := b.text("[data-testid=order-ref]")
	payOnHostedPage(b, "4242 4242 4242 4242", false)
	b.click("[data-testid=card-pay]", "[data-testid=result]")
	b.waitText("[data-testid=result-status]", "Paid")
	ctx := context.Background()
	for i, amount := range []string{"5", "13.50"} {
		if _, _, err := srv.App.Checkout().RefundOrder(ctx, "staff@example.com", ref, checkout.RefundInput{Amount: amount, Key: fmt.Sprintf("E2EAPARTREFUND%06d", i)}); err != nil {
			t.Fatal(err)
		}
	}
	for _, size := range []int64{320, 390} {
		b.run(chromedp.EmulateViewport(size, 800, chromedp.EmulateMobile, chromedp.EmulateTouch, chromedp.EmulateScale(1)))
		for _, l := range lang.Languages {
			say := lang.For(l)
			b.run(network.Enable(), network.SetExtraHTTPHeaders(network.Headers{"Accept-Language": l.Code}))
			b.visit("/orders/" + ref)
			amounts := []string{say.Money("USD", 500, 2), say.Money("USD", 1_350, 2)}
			b.waitText("[data-testid=refunds]", amounts[1])
			b.fullScreenshot(fmt.Sprint(l.Code, "-", size))
			var bad []string
			b.run(chromedp.Evaluate(refundsApartJS+`(6, ["`+strings.Join(amounts, `", "`)+`"])`, &bad))
			if len(bad) > 0 {
				b.screenshot()
				t.Fatalf("%s result page at %d px: %s", l.Code, size, strings.Join(bad, "; "))
			}
		}
	}
	b.run(network.SetExtraHTTPHeaders(network.Headers{"Accept-Language": "en"}))
	b.asDesktop()
}
