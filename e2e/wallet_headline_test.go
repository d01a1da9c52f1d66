package e2e

import (
	"fmt"
	"strings"
	"testing"

	"github.com/chromedp/cdproto/network"
	"github.com/chromedp/chromedp"

	"antom-checkout/lang"
)

// partSplitJS lists each of parts (a wallet's name, its masked account)
// that reads over more than one line inside the element matching sel,
// wherever its markup puts it: the text is searched across the
// element's text nodes, and each character's line is read from the
// layout.
const partSplitJS = `((sel, parts) => {
	const el = document.querySelector(sel), nodes = [];
	let text = "";
	const walk = document.createTreeWalker(el, NodeFilter.SHOW_TEXT);
	for (let t = walk.nextNode(); t; t = walk.nextNode()) { nodes.push([t, text.length]); text += t.data; }
	const lineOf = i => {
		for (let n = nodes.length - 1; n >= 0; n--) {
			const [t, at] = nodes[n];
			if (i < at) continue;
			const r = document.createRange(); r.setStart(t, i - at); r.setEnd(t, i - at + 1);
			const rect = r.getClientRects()[0];
			return rect ? Math.round(rect.top + rect.height / 2) : null;
		}
	};
	const out = [];
	for (const p of parts) {
		const at = text.indexOf(p);
		if (at < 0) { out.push("«" + p + "» not in «" + text + "»"); continue; }
		const lines = new Set();
		for (let i = at; i < at + p.length; i++) if (/\S/.test(text[i])) lines.add(lineOf(i));
		if (lines.size > 1) out.push("«" + p + "» over " + lines.size + " lines in «" + text.trim() + "»");
	}
	return out;
})`

// keptWholeJS lists the boxes that keep a wallet whole (.pay-name, and
// the outermost .pay-account: the account with the punctuation or Korean
// particle glued on, views' walletSay) inside the element matching sel
// whose words read over more than one line: a box wider than the line
// it sits on wraps inside itself, and "010-****-5678" / "에서" leaves
// the particle alone on a line.
const keptWholeJS = `((sel) => {
	const out = [];
	for (const box of document.querySelectorAll(sel)) {
		for (const kept of box.querySelectorAll(".pay-name, .pay-account")) {
			if (kept.parentElement.closest(".pay-account")) continue;
			const tops = new Set(), walk = document.createTreeWalker(kept, NodeFilter.SHOW_TEXT);
			for (let t = walk.nextNode(); t; t = walk.nextNode()) {
				const r = document.createRange(); r.selectNodeContents(t);
				for (const c of r.getClientRects()) if (c.width > 0) tops.add(Math.round(c.top));
			}
			if (tops.size > 1) out.push("«" + kept.textContent + "» over " + tops.size + " lines, " +
				kept.getBoundingClientRect().width.toFixed(1) + " px wide in a " + box.getBoundingClientRect().width.toFixed(1) + " px line");
		}
	}
	return out;
})`

// While a wallet payment is being confirmed (Antom's pay held past the
// buyer's wait), the result page's headline names the wallet and its
// masked account — "We're confirming your payment with Kakao Pay
// 010-****-5678." — and on a phone, 320 px and 390 px wide, in every
// language, the wallet's name and its account each read on one line:
// never "Kakao" / "Pay", nor "010-" / "****-5678" (as one-click buttons
// and the Method keep them); and each box that keeps them whole, the
// account with the Korean particle written onto it ("010-****-5678에서"),
// fits the line: the particle never goes alone to a line of its own.
func TestWalletHeadlineKeepsWalletWholeOnAPhone(t *testing.T) {
	srv := startServer(t, nil)
	b := newBrowser(t, srv.URL)
	signUp(b, "headline@example.com")
	linkWallet(b, "KAKAOPAY")
	buy(b, "coffee")
	ref := b.text("[data-testid=order-ref]")
	account := strings.TrimSpace(b.text(".pay-account"))
	pay := srv.App.Sandbox().Faults().Hold("payments/pay")
	t.Cleanup(pay.Release)
	b.click("[data-testid^=pay-wallet-]", "[data-testid=result]")
	b.waitText("[data-testid=result-headline-text]", "We're confirming your payment with Kakao Pay "+account)

	for _, size := range []int64{320, 390} {
		b.run(chromedp.EmulateViewport(size, 800, chromedp.EmulateMobile, chromedp.EmulateTouch, chromedp.EmulateScale(1)))
		for _, l := range lang.Languages {
			b.run(network.Enable(), network.SetExtraHTTPHeaders(network.Headers{"Accept-Language": l.Code}))
			b.visit("/orders/" + ref)
			b.waitText("[data-testid=result-headline-text]", account)
			b.fullScreenshot(fmt.Sprint(l.Code, "-", size))
			var split []string
			b.run(chromedp.Evaluate(partSplitJS+`("[data-testid=result-headline-text]", ["Kakao Pay", `+quoteJS(account)+`])`, &split))
			if len(split) > 0 {
				b.screenshot()
				t.Fatalf("%s at %d px: the headline breaks the wallet: %v", l.Code, size, split)
			}
			var wider []string
			b.run(chromedp.Evaluate(keptWholeJS+`("[data-testid=result-headline-text]")`, &wider))
			if len(wider) > 0 {
				b.screenshot()
				t.Fatalf("%s at %d px: the headline's kept-whole box is wider than its line: %v", l.Code, size, wider)
			}
			b.fits(l.Code+" headline", "[data-testid=result-headline-text]", ".result")
		}
	}
	b.run(network.SetExtraHTTPHeaders(network.Headers{"Accept-Language": "en"}))
	b.asDesktop()
}
