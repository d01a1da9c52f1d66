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

// beforeOnItsLineJS says what is wrong when one-click button btn's words
// before its method (before, spaces left out: "Paywith", "使用") do not
// end on the line where the method's name (.pay-name: "GCash", "Kakao
// Pay", a card's "Mastercard") begins — "使用 ⏎ GCash 0917****123 支付" —
// though the two fit on one line across the button's width; else "".
const beforeOnItsLineJS = `((btn, before) => {
	const name = btn.querySelector(".pay-name"), lead = name && name.parentElement.firstChild;
	if (!name || !(lead instanceof Text)) return btn.dataset.testid + ": no words before its .pay-name";
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
	const text = chars.map(c => c.ch).join("");
	if (!text.startsWith(before) || text.length === before.length) return btn.dataset.testid + ": «" + text + "» does not begin with «" + before + "» and a method";
	if (chars[before.length - 1].top === chars[before.length].top) return "";
	const bs = getComputedStyle(btn), room = btn.clientWidth - parseFloat(bs.paddingLeft) - parseFloat(bs.paddingRight);
	const ms = getComputedStyle(name), probe = document.createElement("span");
	probe.style.cssText = "position:absolute;visibility:hidden;white-space:nowrap;font:" + ms.font + ";letter-spacing:" + ms.letterSpacing;
	probe.textContent = lead.data + name.firstChild.textContent.trim();
	document.body.append(probe);
	const width = probe.getBoundingClientRect().width;
	probe.remove();
	if (width > room) return ""; // they do not fit on one line together
	return btn.dataset.testid + ": «" + text.slice(0, before.length) + "⏎" + text.slice(before.length) + "» though «" +
		probe.textContent + "» (" + width.toFixed(0) + " px) fits across " + room.toFixed(0) + " px";
})`

// wordsBeforeMethodJS checks every one-click button with
// beforeOnItsLineJS as it stands, then again while its account (a
// wallet's, a card's "•••• 4444") grows a word at a time across a few
// lines — however long the method, the words before it stay with its
// name — and puts the account back.
const wordsBeforeMethodJS = `(before => {
	const check = ` + beforeOnItsLineJS + `;
	const out = [];
	for (const btn of document.querySelectorAll("[data-testid^=pay-wallet-], [data-testid^=pay-card-]")) {
		let bad = check(btn, before);
		const account = btn.querySelector(".pay-account"), grown = account && account.firstChild, was = grown && grown.data;
		if (!bad && !(grown instanceof Text)) bad = btn.dataset.testid + ": no account's text";
		for (let i = 1; !bad && i <= 40; i++) {
			grown.data += " 4444";
			bad = check(btn, before);
			if (bad) bad += " (its account grown by " + i + " words)";
		}
		if (grown instanceof Text) grown.data = was;
		if (bad) out.push(bad);
	}
	return out;
})`

// wordsBeforeMethodStay fails the test when a one-click button's words
// before its method, in language code, stand on a line of their own
// above its name though the two fit on one line (wordsBeforeMethodJS).
// Languages whose words all come after the method ("… 결제") have none
// to check.
func (b *browser) wordsBeforeMethodStay(code string) {
	b.t.Helper()
	const mark = "\x00"
	before, _, _ := strings.Cut(words(b.t, code, "checkout.pay_with", lang.Args{"Method": mark}), mark)
	before = strings.Join(strings.Fields(before), "")
	if before == "" {
		return
	}
	var bad []string
	b.run(chromedp.Evaluate(wordsBeforeMethodJS+`(`+quoteJS(before)+`)`, &bad))
	if len(bad) > 0 {
		b.screenshot()
		b.t.Errorf("%s: words before the method on a line of their own:\n%s", code, strings.Join(bad, "\n"))
	}
}

// lastWordAloneJS lists the elements matching sel whose words take
// several lines, the last of them a single word under the rest ("Bayar
// dengan kartu ⏎ baru"); a brand's badge (.mark) is no word. Words are
// what spaces part: not for Thai or Chinese.
const lastWordAloneJS = `(sel => [...document.querySelectorAll(sel)].map(el => {
	const lines = new Map();
	const walk = document.createTreeWalker(el, NodeFilter.SHOW_TEXT);
	for (let t = walk.nextNode(); t; t = walk.nextNode()) {
		if (t.parentElement.closest(".mark")) continue;
		for (let i = 0; i < t.length; i++) {
			const r = document.createRange(); r.setStart(t, i); r.setEnd(t, i + 1);
			const rect = r.getClientRects()[0];
			if (!rect || rect.width === 0) continue;
			const top = Math.round(rect.top);
			lines.set(top, (lines.get(top) || "") + t.data[i]);
		}
	}
	const rows = [...lines.entries()].sort((a, b) => a[0] - b[0]).map(e => e[1].trim()).filter(s => s);
	return rows.length > 1 && !/\s/.test(rows[rows.length - 1]) ? rows.join(" ⏎ ") : "";
}).filter(s => s))`

// noLastWordAlone fails the test when an element matching sel ends in a
// word alone on its last line (lastWordAloneJS).
func (b *browser) noLastWordAlone(what, sel string) {
	b.t.Helper()
	var alone []string
	b.run(chromedp.Evaluate(lastWordAloneJS+`(`+quoteJS(sel)+`)`, &alone))
	if len(alone) > 0 {
		b.screenshot()
		b.t.Errorf("%s: a last word alone on its line: %q", what, alone)
	}
}
