package e2e

import (
	"encoding/json"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"

	"antom-checkout/lang"
)

// onOneLineJS finds, in the page's shown text, each occurrence of the
// words of the JSON list it is given and reports how many it saw, those
// whose letters take more than one line (their client rects at more than
// one height), and those that lost a space beside them: a space in the
// text that takes no room although the letters on either side share a
// line and nothing else (a flex gap) sets them 2 px apart (in a flex container, words and a box beside them are flex items
// apart, and the space between them is dropped: "Pautkane-dompet") — as
// the buyer reads them, whatever the markup.
const onOneLineJS = `((words) => {
	const out = {seen: 0, broken: [], spaceless: []};
	const rects = (n, from, to) => {
		const r = document.createRange();
		r.setStart(n, from);
		r.setEnd(n, to);
		return [...r.getClientRects()].filter(b => b.width > 0 || b.height > 0);
	};
	// step is the character next to offset at of text node n, going by
	// dir (-1 before, +1 after), into the text node beside it if need be.
	const step = (n, at, dir) => {
		const next = at + dir;
		if (next >= 0 && next < n.data.length) return [n, next];
		const w = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
		w.currentNode = n;
		for (let m = dir < 0 ? w.previousNode() : w.nextNode(); m; m = dir < 0 ? w.previousNode() : w.nextNode()) {
			if (m.data.length) return [m, dir < 0 ? m.data.length - 1 : 0];
		}
		return null;
	};
	const top = (n, at) => { const b = rects(n, at, at + 1)[0]; return b ? Math.round(b.top) : null; };
	const where = el => el.closest("[data-testid], h1, h2, legend, button, summary, a, p, div").outerHTML.slice(0, 300);
	const walk = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
	for (let n = walk.nextNode(); n; n = walk.nextNode()) {
		const el = n.parentElement;
		if (!el || el.closest("noscript, script, style, [hidden]") || el.getClientRects().length === 0) continue;
		for (const w of words) {
			for (let at = n.data.indexOf(w); at >= 0; at = n.data.indexOf(w, at + w.length)) {
				out.seen++;
				const tops = new Set(rects(n, at, at + w.length).filter(b => b.width > 0).map(b => Math.round(b.top)));
				if (tops.size > 1) out.broken.push(where(el));
				for (const [dir, edge] of [[-1, at], [1, at + w.length - 1]]) {
					const space = step(n, edge, dir);
					if (!space || !/\s/.test(space[0].data[space[1]])) continue;
					const beyond = step(space[0], space[1], dir);
					if (!beyond || /\s/.test(beyond[0].data[beyond[1]])) continue;
					const wide = rects(space[0], space[1], space[1] + 1).some(b => b.width > 0);
					if (wide || top(beyond[0], beyond[1]) !== top(n, edge)) continue;
					// A space between flex items (the nav's links) is not
					// laid out; their gap sets them apart.
					const a = rects(n, edge, edge + 1)[0], b = rects(beyond[0], beyond[1], beyond[1] + 1)[0];
					const gap = a && b ? (dir > 0 ? b.left - a.right : a.left - b.right) : 0;
					if (gap < 2) out.spaceless.push(where(el));
				}
			}
		}
	}
	return out;
})`

// wordsOnOneLine fails the test for each of words shown across two lines
// on the page now open, or without a space the text has beside it, and
// returns how many it saw.
func (b *browser) wordsOnOneLine(words []string) int {
	b.t.Helper()
	list, err := json.Marshal(words)
	if err != nil {
		b.t.Fatal(err)
	}
	var got struct {
		Seen              int
		Broken, Spaceless []string
	}
	b.run(chromedp.Evaluate(onOneLineJS+"("+string(list)+")", &got))
	var at string
	b.run(chromedp.Location(&at))
	for _, where := range got.Broken {
		b.t.Errorf("%s: a word broken across lines in %s", at, where)
	}
	for _, where := range got.Spaceless {
		b.t.Errorf("%s: a word without the space beside it in %s", at, where)
	}
	return got.Seen
}

// On a 320 px phone, the words a language's lines never break inside
// (lang.Language.Whole: Thai's "แซนด์บ็อกซ์", which Chromium's Thai
// dictionary does not know and broke mid-syllable in the sandbox banner;
// Malay's "e-dompet", at its hyphen) each read on one line wherever the
// buyer's pages show them: the banner and its link, My wallets' heading
// and link form, the checkout's link button and its guest's sign-in
// button — and never lose the space beside them.
func TestWholeWordsStayOnOneLineOnAPhone(t *testing.T) {
	srv := startServer(t, nil)
	b := newBrowser(t, srv.URL)
	signUp(b, "whole-words@example.com")
	guest := newBrowser(t, srv.URL) // its checkout offers to sign in to use a saved wallet (a .btn)
	for _, br := range []*browser{b, guest} {
		br.viewport(320, 640, true)
	}
	for _, l := range lang.Languages {
		if len(l.Whole()) == 0 {
			continue
		}
		seen := 0
		for _, br := range []*browser{b, guest} {
			br.visit("/")
			br.switchTo(l.Code)
			buy(br, "furoshiki")
			var checkout string
			br.run(chromedp.Location(&checkout))
			for _, path := range []string{"/", strings.TrimPrefix(checkout, srv.URL), "/wallets"} {
				br.visit(path)
				br.fullScreenshot(l.Code + strings.ReplaceAll(path, "/", "-"))
				seen += br.wordsOnOneLine(l.Whole())
			}
		}
		if seen == 0 {
			t.Fatalf("%s: none of %v on the pages: the test checks nothing", l.Code, l.Whole())
		}
	}
}
