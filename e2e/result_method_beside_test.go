package e2e

import (
	"testing"

	"github.com/chromedp/cdproto/network"
	"github.com/chromedp/chromedp"

	"antom-checkout/lang"
)

// methodFactJS says where the result page's Method stands against its
// label: "beside" (the badge on the label's line, in the values' column,
// the words there too, on one line), "under" (badge and words from the
// row's start, below the label's line), else what is wrong; and whether
// the words, on one line, fit the values' column ("fits"), as
// "beside fits" or "under too-wide".
const methodFactJS = `(() => {
	const dd = document.querySelector("[data-testid=paid-method]"), dt = dd.previousElementSibling;
	const dl = dd.closest("dl"), id = document.querySelector("[data-testid=payment-id]");
	const mark = dd.querySelector(".mark").getBoundingClientRect();
	const label = dt.getBoundingClientRect(), column = id.getBoundingClientRect(), row = dl.getBoundingClientRect();
	// The words: the dd's text outside the badge.
	const texts = [], walk = document.createTreeWalker(dd, NodeFilter.SHOW_TEXT);
	for (let t = walk.nextNode(); t; t = walk.nextNode()) if (!t.parentElement.closest(".mark") && /\S/.test(t.data)) texts.push(t);
	const r = document.createRange();
	r.setStart(texts[0], 0); r.setEnd(texts[texts.length - 1], texts[texts.length - 1].length);
	const w = r.getBoundingClientRect(), lines = new Set([...r.getClientRects()].filter(c => c.width > 0).map(c => Math.round(c.top))).size;
	const probe = document.createElement("span"), ws = getComputedStyle(texts[0].parentElement);
	probe.style.cssText = "position:absolute;visibility:hidden;white-space:nowrap;font:" + ws.font;
	probe.textContent = r.toString().trim();
	document.body.append(probe);
	const wide = probe.getBoundingClientRect().width;
	probe.remove();
	const fits = wide <= column.width + 0.5 ? "fits" : "too-wide";
	const near = (a, b) => Math.abs(a - b) < 1.5, lineH = parseFloat(getComputedStyle(dt).lineHeight);
	if (mark.top < label.top + lineH && mark.bottom > label.top) {
		if (!near(mark.left, column.left)) return "badge on the label's line at x " + mark.left.toFixed(1) + ", the values' column at " + column.left.toFixed(1);
		if (w.left < column.left - 0.5 || w.right > row.right + 0.5) return "words at x " + w.left.toFixed(1) + "–" + w.right.toFixed(1) + " outside the values' column " + column.left.toFixed(1) + "–" + row.right.toFixed(1);
		if (lines !== 1) return "words beside the label over " + lines + " lines";
		return "beside " + fits;
	}
	if (mark.top >= label.top + lineH - 0.5 && near(mark.left, row.left)) return "under " + fits;
	return "badge at " + mark.left.toFixed(1) + "," + mark.top.toFixed(1) + " neither beside the label (" + label.left.toFixed(1) + "," + label.top.toFixed(1) + ") nor under it";
})()`

// On a 390 px phone the result page's Method shares its label's line, as
// every other fact of the receipt does, whenever its words fit the
// values' column on one line: Traditional Chinese's 付款方式 stood alone
// on its line, its value under it, though both fit on one (Chromium
// trials), and so in every language whose labels leave the room — a
// card's badge and "Mastercard •••• 4444", or a wallet's and "Kakao Pay
// 010-****-5678", the words beside the badge or under it, in the values'
// column. Where the words do not fit there (Indonesian's and Malay's long
// labels), badge and words go under the label, from the row's start.
// Traditional Chinese and Korean have the room for both methods.
func TestResultMethodBesideItsLabelOnAPhone(t *testing.T) {
	srv := startServer(t, nil)
	b := newBrowser(t, srv.URL)
	signUp(b, "beside@example.com")
	linkWallet(b, "KAKAOPAY")
	buy(b, "mug")
	card := b.text("[data-testid=order-ref]")
	payOnHostedPage(b, "5555 5555 5555 4444", false)
	b.click("[data-testid=card-pay]", "[data-testid=result]")
	b.waitText("[data-testid=result-status]", "Paid")
	buy(b, "coffee")
	kakao := b.text("[data-testid=order-ref]")
	b.run(chromedp.Evaluate(`[...document.querySelectorAll("[data-testid^=pay-wallet-]")].find(b => b.textContent.includes("Kakao")).click()`, nil))
	b.run(chromedp.WaitVisible("[data-testid=result]", chromedp.ByQuery))
	b.waitText("[data-testid=result-status]", "Paid")

	b.asPhone()
	for _, l := range lang.Languages {
		b.run(network.Enable(), network.SetExtraHTTPHeaders(network.Headers{"Accept-Language": l.Code}))
		for _, o := range []struct{ ref, what string }{{card, "card"}, {kakao, "Kakao Pay"}} {
			b.visit("/orders/" + o.ref)
			var got string
			b.run(chromedp.Evaluate(methodFactJS, &got))
			want := map[string]bool{"beside fits": true, "under too-wide": true}
			if l.Code == "zh-Hant" || l.Code == "ko" {
				want = map[string]bool{"beside fits": true}
			}
			if !want[got] {
				b.screenshot()
				t.Errorf("%s, paid by %s, at 390 px: the Method %s", l.Code, o.what, got)
			}
		}
	}
	b.run(network.SetExtraHTTPHeaders(network.Headers{"Accept-Language": "en"}))
	b.asDesktop()
}
