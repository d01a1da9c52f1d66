package e2e

import (
	"strings"
	"testing"
	"unicode"

	"github.com/chromedp/chromedp"
)

// heldJS reports the widths, from the element's own down to 120 px, at
// which the text of the visible element sel breaks a line between the
// character before the space before word (or, given, the first of from)
// and word itself: each width
// laid out in turn (setting a width lays the paragraph out anew when its
// boxes are measured), the width put back after.
const heldJS = `((sel, word, from) => {
	const el = [...document.querySelectorAll(sel)].find(e => e.offsetParent);
	const walk = document.createTreeWalker(el, NodeFilter.SHOW_TEXT);
	let node, at = -1;
	for (let t = walk.nextNode(); t && at < 0; t = walk.nextNode()) { node = t; at = t.data.indexOf(word); }
	if (at < 2) return {text: el.textContent, split: [-1]};
	const before = from ? node.data.indexOf(from) : at - 2;
	if (before < 0) return {text: el.textContent, split: [-1]};
	const rect = i => { const r = document.createRange(); r.setStart(node, i); r.setEnd(node, i + 1); return r.getClientRects()[0]; };
	const box = el.closest('p') || el, split = [];
	for (let w = Math.floor(box.getBoundingClientRect().width); w >= 120; w--) {
		box.style.width = w + 'px';
		const a = rect(before), b = rect(at);
		if (Math.abs(a.top - b.top) > a.height / 2) split.push(w);
	}
	box.style.width = '';
	return {text: el.textContent, split};
})`

// heldAt are the widths at which sel's word begins a line apart from
// what stands before it, or from from's first character (heldJS; "": the
// character before the space before word), and the element's text.
func (b *browser) heldAt(sel, word, from string) (text string, split []int) {
	b.t.Helper()
	var got struct {
		Text  string
		Split []int
	}
	b.run(chromedp.Evaluate(heldJS+`(`+quoteJS(sel)+`, `+quoteJS(word)+`, `+quoteJS(from)+`)`, &got))
	return got.Text, got.Split
}

// copiedText is what a buyer copies who selects the paragraph of the
// visible element sel: the selection's text, as the clipboard has it.
func (b *browser) copiedText(sel string) string {
	b.t.Helper()
	var text string
	b.run(chromedp.Evaluate(`((sel) => {
		const el = [...document.querySelectorAll(sel)].find(e => e.offsetParent);
		const range = document.createRange(), s = getSelection();
		range.selectNodeContents(el.closest('p') || el);
		s.removeAllRanges(); s.addRange(range);
		const text = s.toString();
		s.removeAllRanges();
		return text;
	})(`+quoteJS(sel)+`)`, &text))
	return text
}

// The link page's countdown, written by JS every second ("1:26 후
// 만료됩니다."), keeps the time and the word after it that belongs to it
// on one line at 390 and 320 px and at any narrower width: Korean's "후"
// (in) began a line under "1:26" at 390 px (trial), and Chinese's "后"
// could — the line moved as the time changed — and Chinese's verb after
// it stays with it. Copied, its words are clean: Chinese's are held by
// CSS (.countdown:lang(zh)), not by word joiners (U+2060), which a buyer
// copying them copied too.
func TestCountdownKeepsItsTimeAndWord(t *testing.T) {
	srv := startServer(t, nil)
	b := newBrowser(t, srv.URL)
	signUp(b, "countdown@example.com")
	startLinking(b, "GCASH")
	// Chinese's verb after it too ("后过期", "後失效"): "14:42 后 ⏎ 过期。" at
	// 320 px (trial); its last character is checked against "后" (word
	// joiners, U+2060, hold them).
	for _, c := range []struct{ code, word, from string }{{"ko", "후", ""}, {"zh-Hans", "后", ""}, {"zh-Hant", "後", ""},
		{"zh-Hans", "期", "后"}, {"zh-Hant", "效", "後"}} {
		b.switchTo(c.code)
		for _, width := range []int64{390, 320} {
			b.viewport(width, 844, true)
			b.waitTrue(`[...document.querySelectorAll('[data-testid=countdown]')].some(e => e.offsetParent && /\d:\d\d/.test(e.textContent))`, "a countdown in numbers")
			text, split := b.heldAt("[data-testid=countdown]", c.word, c.from)
			if !strings.Contains(text, c.word) {
				t.Fatalf("%s: the countdown says %q, no %q", c.code, text, c.word)
			}
			if len(split) > 0 {
				t.Errorf("%s at %d px: %q breaks before %q when its paragraph is %v px wide", c.code, width, text, c.word, split)
			}
			if copied := b.copiedText("[data-testid=countdown]"); strings.ContainsFunc(copied, func(r rune) bool { return unicode.Is(unicode.Cf, r) }) {
				t.Errorf("%s at %d px: copying the countdown's paragraph gives %+q, with invisible characters", c.code, width, copied)
			}
		}
	}
}
