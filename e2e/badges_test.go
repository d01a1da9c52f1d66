package e2e

import (
	"encoding/json"
	"testing"

	"github.com/chromedp/cdproto/network"
	"github.com/chromedp/chromedp"

	"antom-checkout/lang"
)

// stateWords are the suffixes of the catalogs' state words,
// "orders.state_…": My orders' and the result page's badges.
var stateWords = []string{"paid", "partially_refunded", "refunded", "partly_settled", "settled", "authorized",
	"voided", "expired", "processing", "card_page", "cancelling", "failed", "unconfirmed", "not_paid_yet", "unpaid", "unpayable", "earlier_payment"}

// badgeReadsJS lists what reads badly in the badge el: its words on more
// than two lines; a word broken across lines; the pill's round ends kept
// on a badge of two lines (a radius over its font size), which pinch its
// words.
const badgeReadsJS = `((el) => {
	const out = [], text = el.textContent.trim(), tops = rects => new Set([...rects].filter(r => r.width > 0).map(r => Math.round(r.top)));
	const range = document.createRange();
	range.selectNodeContents(el);
	const lines = tops(range.getClientRects()).size;
	if (lines > 2) out.push("«" + text + "» on " + lines + " lines");
	const s = getComputedStyle(el);
	if (lines > 1 && parseFloat(s.borderTopLeftRadius) > parseFloat(s.fontSize) + 0.5)
		out.push("«" + text + "» on " + lines + " lines in a pill (radius " + s.borderTopLeftRadius + ")");
	const node = [...el.childNodes].find(n => n.nodeType === Node.TEXT_NODE && n.textContent.trim());
	if (node) {
		const re = /\S+/g;
		for (let m; (m = re.exec(node.textContent)); ) {
			const r = document.createRange();
			r.setStart(node, m.index);
			r.setEnd(node, m.index + m[0].length);
			if (tops(r.getClientRects()).size > 1) out.push("«" + m[0] + "» broken in «" + text + "»");
		}
	}
	return out;
})`

// badgesRead fails the test unless the badge sel (the first one) reads
// well (badgeReadsJS) and its row (box, within, as fits) holds everything,
// with its own words and then with each of words in its place.
func (b *browser) badgesRead(what, sel, box, within string, words []string) {
	b.t.Helper()
	check := func(label string) {
		b.t.Helper()
		var bad []string
		b.run(chromedp.Evaluate(badgeReadsJS+`(document.querySelector(`+quoteJS(sel)+`))`, &bad))
		if len(bad) > 0 {
			b.screenshot()
			b.t.Fatalf("%s (%s): %v", what, label, bad)
		}
		b.fits(what+" ("+label+")", box, within)
	}
	check("its own words")
	var original string
	b.run(chromedp.Evaluate(`document.querySelector(`+quoteJS(sel)+`).textContent`, &original))
	for _, w := range words {
		js, _ := json.Marshal(w)
		b.run(chromedp.Evaluate(`document.querySelector(`+quoteJS(sel)+`).textContent = `+string(js), nil))
		check(w)
	}
	js, _ := json.Marshal(original)
	b.run(chromedp.Evaluate(`document.querySelector(`+quoteJS(sel)+`).textContent = `+string(js), nil))
}

// On a 390 px phone, in every language, an order's status badge reads
// well — on one or two lines, no word broken, a rounded box rather than
// a pinched pill when it wraps — and stays inside its row: on My orders
// and the result page, with a partially refunded order's words (Malay's
// "Dibayar balik sebahagian" took three lines) and with every other
// state's words of the language in its place; on the admin's order list
// and order page too.
func TestStatusBadgesReadOnAPhone(t *testing.T) {
	_, buyer, staff, ref := paidWithStaff(t, "badges@example.com")
	refundFive(staff, "[data-testid=flash]")
	staff.waitText("[data-testid=order-status]", "partially refunded")

	buyer.asPhone()
	for _, l := range lang.Languages {
		say := lang.For(l)
		var words []string
		for _, w := range stateWords {
			words = append(words, say.T("orders.state_"+w))
		}
		buyer.run(network.Enable(), network.SetExtraHTTPHeaders(network.Headers{"Accept-Language": l.Code}))
		buyer.visit("/orders")
		buyer.waitText("[data-testid=order-status]", say.T("orders.state_partially_refunded"))
		buyer.badgesRead(l.Code+" My orders", "[data-testid=order-status]", ".order-row", ".order-list", words)
		buyer.visit("/orders/" + ref)
		buyer.waitText("[data-testid=result-status]", say.T("orders.state_partially_refunded"))
		buyer.badgesRead(l.Code+" result", "[data-testid=result-status]", ".result", ".result-page", words)
	}

	staff.asPhone()
	staff.visit("/admin/orders")
	staff.badgesRead("admin orders", "[data-testid=order-status]", "td", ".table-scroll", nil)
	staff.visit("/admin/orders/" + ref)
	staff.badgesRead("admin order", "[data-testid=order-status]", ".badge-title", "main", nil)
}
