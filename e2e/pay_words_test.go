package e2e

import (
	"strings"

	"github.com/chromedp/chromedp"

	"antom-checkout/lang"
)

// buttonCharsJS lists one-click button btn's visible characters (not a
// brand's badge, .mark, nor spaces) with the top of the line each is on:
// [{ch, top}].
const buttonCharsJS = `(btn => {
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
	return chars;
})`

// afterOnItsLineJS says what is wrong when one-click button btn's words
// after its method (after, spaces left out: "결제", "支付") begin a line of
// their own instead of following the method's last word on its line
// ("Touch 'n Go eWallet ⏎ +60*****6789 ⏎ 결제"), else "".
const afterOnItsLineJS = `((btn, after) => {
	const chars = (` + buttonCharsJS + `)(btn);
	const text = chars.map(c => c.ch).join(""), at = text.lastIndexOf(after);
	if (at < 1 || at + after.length !== text.length) return btn.dataset.testid + ": «" + text + "» does not end in «" + after + "»";
	if (chars[at].top !== chars[at - 1].top) return btn.dataset.testid + ": «" + text.slice(0, at) + "⏎" + after + "»";
	return "";
})`

// beforeOnItsLineJS says what is wrong when one-click button btn's words
// before its method (before, spaces left out: "Paywith", "使用") do not
// end on the line where the method's name (.pay-name: "GCash", "Kakao
// Pay", a card's "Mastercard") begins — "使用 ⏎ GCash 0917****123 支付" —
// though the two fit on one line across the button's width; else "".
const beforeOnItsLineJS = `((btn, before) => {
	const name = btn.querySelector(".pay-name"), lead = name && name.parentElement.firstChild;
	if (!name || !(lead instanceof Text)) return btn.dataset.testid + ": no words before its .pay-name";
	const chars = (` + buttonCharsJS + `)(btn);
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

// methodWordsJS checks every one-click button with check (one of the
// *OnItsLineJS above, given the words to check) as it stands, then again
// while the text grownOf(btn) gives (a Text node) grows a word at a time
// across a few lines — however long the method and wherever its lines
// break, its words stay where check wants them — and puts that text
// back. grown names that text in what is wrong ("method", "account"),
// missing says what is wrong when the button has none.
const methodWordsJS = `((check, grownOf, grown, missing) => words => {
	const out = [];
	for (const btn of document.querySelectorAll("[data-testid^=pay-wallet-], [data-testid^=pay-card-]")) {
		let bad = check(btn, words);
		const text = grownOf(btn), was = text && text.data;
		if (!bad && !(text instanceof Text)) bad = btn.dataset.testid + ": " + missing;
		for (let i = 1; !bad && i <= 40; i++) {
			text.data += " 4444";
			bad = check(btn, words);
			if (bad) bad += " (its " + grown + " grown by " + i + " words)";
		}
		if (text instanceof Text) text.data = was;
		if (bad) out.push(bad);
	}
	return out;
})`

// methodSide is one side of a one-click button's method whose words
// methodWordsStay checks: which words (side picks them from the
// catalog's words before and after the method), how (check, one of the
// *OnItsLineJS), what grows while checked (grownOf, a JS function of the
// button giving a Text node, named grown) and what the test says.
type methodSide struct {
	side           func(before, after string) string
	check, grownOf string
	grown, missing string
	wrong          string
}

var (
	// wordsAfterMethod: the words after the method ("결제", "支付") stay on
	// the line of its last word, while the method (the text just before
	// them: the account, or the card's label) grows. Languages whose
	// words all come before the method ("Pay with …") have none to check.
	wordsAfterMethod = methodSide{
		side:    func(_, after string) string { return after },
		check:   afterOnItsLineJS,
		grownOf: `(btn => { const kept = btn.querySelector(".pay-after"); return kept && kept.previousSibling; })`,
		grown:   "method", missing: "no method's text before its words after it",
		wrong: "words after the method on a line of their own",
	}
	// wordsBeforeMethod: the words before the method ("Pay with", "使用")
	// stay on the line of its name whenever the two fit there, while its
	// account (a wallet's, a card's "•••• 4444") grows. Languages whose
	// words all come after the method ("… 결제") have none to check.
	wordsBeforeMethod = methodSide{
		side:    func(before, _ string) string { return before },
		check:   beforeOnItsLineJS,
		grownOf: `(btn => { const account = btn.querySelector(".pay-account"); return account && account.firstChild; })`,
		grown:   "account", missing: "no account's text",
		wrong: "words before the method on a line of their own",
	}
)

// methodWordsStay fails the test when a one-click button's words on one
// side of its method (s: wordsAfterMethod, wordsBeforeMethod), in
// language code, stand where they should not (methodWordsJS).
func (b *browser) methodWordsStay(code string, s methodSide) {
	b.t.Helper()
	const mark = "\x00"
	before, after, _ := strings.Cut(words(b.t, code, "checkout.pay_with", lang.Args{"Method": mark}), mark)
	w := strings.Join(strings.Fields(s.side(before, after)), "")
	if w == "" {
		return
	}
	var bad []string
	js := methodWordsJS + `(` + s.check + `, ` + s.grownOf + `, ` + quoteJS(s.grown) + `, ` + quoteJS(s.missing) + `)(` + quoteJS(w) + `)`
	b.run(chromedp.Evaluate(js, &bad))
	if len(bad) > 0 {
		b.screenshot()
		b.t.Errorf("%s: %s:\n%s", code, s.wrong, strings.Join(bad, "\n"))
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
