package e2e

import (
	"strings"
	"testing"

	"github.com/chromedp/cdproto/network"
	"github.com/chromedp/chromedp"

	"antom-checkout/lang"
)

// boxUnderlineJS lists the links whose words are underlined but for a
// box inside them (an inline block, into which a link's underline does
// not reach by itself): a word kept whole (views' words: span.term), an
// email's parts (span.whole). It returns them and the number of boxes
// it checked.
const boxUnderlineJS = `(() => {
	const out = [];
	let boxes = 0;
	// The shop's contact address is a link in a sentence: underlined
	// itself (an author's rule once took its underline away).
	for (const link of document.querySelectorAll("a.contact-link"))
		if (!getComputedStyle(link).textDecorationLine.includes("underline")) out.push("«" + link.textContent.trim() + "» is not underlined");
	for (const link of document.querySelectorAll("a, .link-button")) {
		if (!getComputedStyle(link).textDecorationLine.includes("underline")) continue;
		for (const box of link.querySelectorAll("*")) {
			if (!getComputedStyle(box).display.startsWith("inline-") || box.textContent.trim() === "") continue;
			boxes++;
			if (!getComputedStyle(box).textDecorationLine.includes("underline"))
				out.push("«" + box.textContent + "» in «" + link.textContent.trim() + "»");
		}
	}
	// Thai's marks below a letter left gaps in a link's line (trial).
	if (document.documentElement.lang === "th")
		for (const link of document.querySelectorAll("a, .link-button"))
			if (getComputedStyle(link).textDecorationSkipInk !== "none") out.push("«" + link.textContent.trim() + "» skips Thai's marks");
	return {out, boxes};
})()`

// A link is underlined along all its words in every language: Thai's
// "เข้าสู่ระบบ" (sign in) on a guest's My orders, the words the sandbox
// banner keeps whole, and the shop's contact address (each part a box)
// lost their underline (trials).
func TestLinksKeepTheirUnderlineOverWordsKeptWhole(t *testing.T) {
	srv := startServer(t, map[string]string{"MERCHANT_CONTACT": "help@shop.example"})
	b := newBrowser(t, srv.URL)
	b.asPhone()
	checked := 0
	for _, l := range lang.Languages {
		b.run(network.Enable(), network.SetExtraHTTPHeaders(network.Headers{"Accept-Language": l.Code}))
		for _, page := range []string{"/", "/orders"} {
			b.visit(page)
			var got struct {
				Out   []string
				Boxes int
			}
			b.run(chromedp.Evaluate(boxUnderlineJS, &got))
			if len(got.Out) > 0 {
				b.screenshot()
				t.Fatalf("%s %s: not underlined: %s", l.Code, page, strings.Join(got.Out, "; "))
			}
			checked += got.Boxes
		}
	}
	if checked == 0 {
		t.Fatal("no link holds a box: the test checked nothing")
	}
	b.run(network.SetExtraHTTPHeaders(network.Headers{"Accept-Language": "en"}))
	b.asDesktop()
}
