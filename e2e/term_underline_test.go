package e2e

import (
	"strings"
	"testing"

	"github.com/chromedp/cdproto/network"
	"github.com/chromedp/chromedp"

	"antom-checkout/lang"
)

// termUnderlineJS lists the links whose words are underlined but for a
// word kept whole (views' words: a span.term, an inline block, into which
// a link's underline does not reach by itself).
const termUnderlineJS = `(() => {
	const out = [];
	for (const term of document.querySelectorAll("a .term, .link-button .term")) {
		const link = term.closest("a, .link-button");
		if (getComputedStyle(link).textDecorationLine.includes("underline") && !getComputedStyle(term).textDecorationLine.includes("underline"))
			out.push("«" + term.textContent + "» in «" + link.textContent.trim() + "»");
	}
	return out;
})()`

// A link is underlined along all its words in every language: Thai's
// "เข้าสู่ระบบ" (sign in) on a guest's My orders, and the words the
// sandbox banner keeps whole, lost their underline (trial).
func TestLinksKeepTheirUnderlineOverWordsKeptWhole(t *testing.T) {
	srv := startServer(t, nil)
	b := newBrowser(t, srv.URL)
	b.asPhone()
	checked := 0
	for _, l := range lang.Languages {
		b.run(network.Enable(), network.SetExtraHTTPHeaders(network.Headers{"Accept-Language": l.Code}))
		for _, page := range []string{"/", "/orders"} {
			b.visit(page)
			var bad []string
			var terms int
			b.run(chromedp.Evaluate(termUnderlineJS, &bad), chromedp.Evaluate(`document.querySelectorAll("a .term, .link-button .term").length`, &terms))
			if len(bad) > 0 {
				b.screenshot()
				t.Fatalf("%s %s: not underlined: %s", l.Code, page, strings.Join(bad, "; "))
			}
			checked += terms
		}
	}
	if checked == 0 {
		t.Fatal("no link holds a word kept whole: the test checked nothing")
	}
	b.run(network.SetExtraHTTPHeaders(network.Headers{"Accept-Language": "en"}))
	b.asDesktop()
}
