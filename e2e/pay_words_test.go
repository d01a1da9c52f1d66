package e2e

import (
	"strings"

	"github.com/chromedp/chromedp"

	"antom-checkout/lang"
)

// afterOnItsLineJS says what is wrong when one-click button btn's words
// after its method (after, spaces left out: "결제", "支付") begin a line of
// their own instead of following the method's last word on its line
// ("Touch 'n Go eWallet ⏎ +60*****6789 ⏎ 결제"), else "".
const afterOnItsLineJS = `((btn, after) => {
	const chars = [];
	const walk = document.createTreeWalker(btn, NodeFilter.SHOW_TEXT);
	for (let t = walk.nextNode(); t; t = walk.nextNode()) {
		if (t.parentElement.closest(".mark")) continue;
		for (let i = 0; i < t.length; i++) {
			if (!/\S/.test(t.data[i])) continue;
			const r = document.createRange(); r.setStart(t, i); r.setEnd(t, i + 1);
			const rect = r.getClientRects()[0];
			if (rect) chars.push({ch: t.data[i], top: Math.round(rect.top)});
		}
	}
	const text = chars.map(c => c.ch).join(""), at = text.lastIndexOf(after);
	if (at < 1 || at + after.length !== text.length) return btn.dataset.testid + ": «" + text + "» does not end in «" + after + "»";
	if (chars[at].top !== chars[at - 1].top) return btn.dataset.testid + ": «" + text.slice(0, at) + "⏎" + after + "»";
	return "";
})`

// wordsAfterMethodJS checks every one-click button with afterOnItsLineJS
// as it stands, then again while its method grows a word at a time (the
// text just before the words after it: the account, or the card's label)
// across a few lines — whatever the method's length and wherever its
// lines break, the words after it are never left alone — and puts the
// method back.
const wordsAfterMethodJS = `(after => {
	const check = ` + afterOnItsLineJS + `;
	const out = [];
	for (const btn of document.querySelectorAll("[data-testid^=pay-wallet-], [data-testid^=pay-card-]")) {
		let bad = check(btn, after);
		const kept = btn.querySelector(".pay-after"), method = kept && kept.previousSibling, was = method && method.data;
		if (!bad && !(method instanceof Text)) bad = btn.dataset.testid + ": no method's text before its words after it";
		for (let i = 1; !bad && i <= 40; i++) {
			method.data += " 4444";
			bad = check(btn, after);
			if (bad) bad += " (its method grown by " + i + " words)";
		}
		if (method instanceof Text) method.data = was;
		if (bad) out.push(bad);
	}
	return out;
})`

// wordsAfterMethodStay fails the test when a one-click button's words
// after its method, in language code, stand on a line of their own
// (wordsAfterMethodJS). Languages whose words all come before the method
// ("Pay with …") have none to check.
func (b *browser) wordsAfterMethodStay(code string) {
	b.t.Helper()
	const mark = "\x00"
	_, after, _ := strings.Cut(words(b.t, code, "checkout.pay_with", lang.Args{"Method": mark}), mark)
	after = strings.Join(strings.Fields(after), "")
	if after == "" {
		return
	}
	var bad []string
	b.run(chromedp.Evaluate(wordsAfterMethodJS+`(`+quoteJS(after)+`)`, &bad))
	if len(bad) > 0 {
		b.screenshot()
		b.t.Errorf("%s: words after the method on a line of their own:\n%s", code, strings.Join(bad, "\n"))
	}
}
