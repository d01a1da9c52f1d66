package e2e

import (
	"testing"

	"github.com/chromedp/chromedp"

	"antom-checkout/lang"
)

// dotStartsLineJS reports the footer's text when one of its "·" is the
// first character of a line (its client rect on another line than the
// last character before it that is not a space: a no-break space may
// go to the next line with it, after the contact's box), else "".
const dotStartsLineJS = `(() => {
	const f = document.querySelector(".site-footer .footer-row > span"), chars = [];
	const walk = document.createTreeWalker(f, NodeFilter.SHOW_TEXT);
	for (let t = walk.nextNode(); t; t = walk.nextNode()) for (let i = 0; i < t.data.length; i++) {
		const r = document.createRange(); r.setStart(t, i); r.setEnd(t, i + 1);
		const c = [...r.getClientRects()].filter(b => b.width > 0)[0];
		if (c && !/\s/.test(t.data[i])) chars.push([t.data[i], Math.round(c.top)]);
	}
	for (let i = 1; i < chars.length; i++) if (chars[i][0] === "·" && chars[i][1] !== chars[i - 1][1]) return f.textContent;
	return "";
})()`

// The footer, with the shop's contact, in every language at every phone
// width from 320 to 430 px: no line starts with its "·" separator — in
// Thai at 390 px one read "·ให้บริการชำระเงินโดย Antom" under the contact
// (views' footerDot keeps each to the words before it).
func TestFooterDotNeverStartsALine(t *testing.T) {
	srv := startServer(t, map[string]string{"MERCHANT_CONTACT": "help@demo-shop.example"})
	b := newBrowser(t, srv.URL)
	b.visit("/")
	for _, l := range lang.Languages {
		b.viewport(desktopWidth, desktopHeight, false)
		b.switchTo(l.Code)
		for width := int64(320); width <= 430; width += 2 {
			b.viewport(width, phoneHeight, true)
			var footer string
			b.run(chromedp.Evaluate(dotStartsLineJS, &footer))
			if footer != "" {
				b.screenshot()
				t.Fatalf("%s at %d px: a line of the footer starts with its \"·\": %q", l.Code, width, footer)
			}
		}
	}
}
