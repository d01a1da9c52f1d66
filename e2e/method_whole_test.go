package e2e

import (
	"strings"
	"testing"

	"github.com/chromedp/cdproto/network"
	"github.com/chromedp/chromedp"

	"antom-checkout/lang"
)

// methodSplitJS lists the payment methods matching sel (a one-click
// button's .pay-method, the result page's Method) that read over more than
// one line though they fit on one across their box (the closest within:
// the button, the fact's own cell): "Mastercard •••• / 4444" beside a
// badge where the method alone fits the button's width. A method's words
// are its text outside the brand badge.
const methodSplitJS = `((sel, within) => {
	const out = [];
	for (const el of document.querySelectorAll(sel)) {
		const box = el.closest(within), bs = getComputedStyle(box);
		const room = box.clientWidth - parseFloat(bs.paddingLeft) - parseFloat(bs.paddingRight);
		const tops = new Set();
		let text = "";
		const walk = document.createTreeWalker(el, NodeFilter.SHOW_TEXT);
		for (let t = walk.nextNode(); t; t = walk.nextNode()) {
			if (t.parentElement.closest(".mark")) continue;
			text += t.data;
			for (let i = 0; i < t.length; i++) {
				if (!/\S/.test(t.data[i])) continue;
				const r = document.createRange(); r.setStart(t, i); r.setEnd(t, i + 1);
				const rect = r.getClientRects()[0];
				if (rect) tops.add(Math.round(rect.top));
			}
		}
		text = text.trim().replace(/\s+/g, " ");
		const es = getComputedStyle(el), probe = document.createElement("span");
		probe.style.cssText = "position:absolute;visibility:hidden;white-space:nowrap;font:" + es.font + ";letter-spacing:" + es.letterSpacing;
		probe.textContent = text;
		document.body.append(probe);
		const width = probe.getBoundingClientRect().width;
		probe.remove();
		if (tops.size > 1 && width <= room)
			out.push("«" + text + "» (" + width.toFixed(0) + " px) on " + tops.size + " lines across " + room.toFixed(0) + " px");
	}
	return out;
})`

// methodsWhole fails the test when a method matching sel is split though
// it fits its box (methodSplitJS), or the page scrolls sideways.
func (b *browser) methodsWhole(what, sel, within string) {
	b.t.Helper()
	b.noSidewaysScroll()
	var split []string
	b.run(chromedp.Evaluate(methodSplitJS+`(`+quoteJS(sel)+`, `+quoteJS(within)+`)`, &split))
	if len(split) > 0 {
		b.screenshot()
		b.t.Fatalf("%s: methods split over lines though they fit: %v", what, split)
	}
}

// On a 390 px phone, in every language, a payment method reads whole
// wherever it fits the width it has: each one-click button's wallet and
// account or kept card at checkout ("Mastercard •••• 4444", "Kakao Pay
// 010-****-0009", beside the badge or, when both do not fit, under it),
// and the result page's Method. A method wider than its button (a wallet
// account that is a long email, "Touch 'n Go eWallet +60*****6789") wraps
// inside the button, the words after it ("결제", "支付") following its
// last word, never on a line of their own, and the words before it
// ("Pay with", "使用") ending on the line where its name begins whenever
// the two fit on one; no button's last word stands alone under the rest
// ("Bayar dengan kartu ⏎ baru"). So on a narrow phone (320 px) too. The
// page never scrolls sideways.
func TestPaymentMethodsWholeOnAPhone(t *testing.T) {
	srv := startServer(t, nil)
	b := newBrowser(t, srv.URL)
	signUp(b, "methods@example.com")
	for _, w := range []string{"GCASH", "KAKAOPAY", "TNG"} {
		linkWallet(b, w)
	}
	buy(b, "mug")
	paid := b.text("[data-testid=order-ref]")
	payOnHostedPage(b, "5555 5555 5555 4444", true)
	b.click("[data-testid=card-pay]", "[data-testid=result]")
	b.waitText("[data-testid=result-status]", "Paid")
	// A wallet's method is longer: "Kakao Pay 010-****-5678".
	buy(b, "coffee")
	kakao := b.text("[data-testid=order-ref]")
	b.run(chromedp.Evaluate(`[...document.querySelectorAll("[data-testid^=pay-wallet-]")].find(b => b.textContent.includes("Kakao")).click()`, nil))
	b.run(chromedp.WaitVisible("[data-testid=result]", chromedp.ByQuery))
	b.waitText("[data-testid=result-status]", "Paid")
	buy(b, "matcha")
	ref := b.text("[data-testid=order-ref]")

	b.asPhone()
	for _, l := range lang.Languages {
		b.run(network.Enable(), network.SetExtraHTTPHeaders(network.Headers{"Accept-Language": l.Code}))
		b.visit("/checkout/" + ref)
		b.fullScreenshot("methods-" + l.Code)
		b.oneClickWordsStay(l.Code)
		for _, o := range []string{paid, kakao} {
			b.visit("/orders/" + o)
			b.methodsWhole(l.Code+" result", "[data-testid=paid-method]", "dl")
			// The Method's row (.fact-row) reaches back over the labels'
			// column when the method goes under its label: it is the box
			// the method must fit, and the list the row.
			b.fits(l.Code+" result", "[data-testid=paid-method] .fact-row", "dl")
			b.fits(l.Code+" result", "dl.facts", ".result")
		}
	}
	// The same on a narrow phone (320 px), where "Pay with a new card"
	// takes two lines in Indonesian and Malay.
	b.run(chromedp.EmulateViewport(320, 700, chromedp.EmulateMobile, chromedp.EmulateTouch, chromedp.EmulateScale(1)))
	for _, l := range lang.Languages {
		b.run(network.SetExtraHTTPHeaders(network.Headers{"Accept-Language": l.Code}))
		b.visit("/checkout/" + ref)
		b.fullScreenshot("methods-320-" + l.Code)
		b.oneClickWordsStay(l.Code + " at 320 px")
	}
	b.asPhone()

	// A wallet account longer than the button's width wraps inside it.
	b.visit("/checkout/" + ref)
	b.run(chromedp.Evaluate(`document.querySelector(".pay-account").textContent = "a.very.long.wallet.account.name@example-wallet.com"`, nil))
	b.fits("a long account", "[data-testid^=pay-wallet-]", ".pay-wallets")
	b.run(network.SetExtraHTTPHeaders(network.Headers{"Accept-Language": "en"}))
	b.asDesktop()
}

// oneClickWordsStay checks the checkout's buttons in language code (what
// may say more): each one-click button's words before, in and after its
// method stay together as payWith keeps them, inside the button, and no
// button's last word stands alone on its line.
func (b *browser) oneClickWordsStay(what string) {
	b.t.Helper()
	code, _, _ := strings.Cut(what, " ")
	b.methodsWhole(what+" checkout", ".pay-method", "button")
	b.methodWordsStay(code, wordsAfterMethod)
	b.methodWordsStay(code, wordsBeforeMethod)
	// (A one-click button's last line may be its account alone. Thai and
	// Chinese do not part their words with spaces: a line's words are not
	// counted there.)
	if code != "th" && !strings.HasPrefix(code, "zh") {
		b.noLastWordAlone(what+" checkout", "main .btn:not(:has(.pay-method))")
	}
	b.fits(what+" checkout", "[data-testid^=pay-wallet-], [data-testid^=pay-card-]", ".pay-wallets")
}
