package e2e

import (
	"context"
	"strings"
	"testing"

	"github.com/chromedp/cdproto/network"
	"github.com/chromedp/chromedp"

	"antom-checkout/app"
	"antom-checkout/checkout"
	"antom-checkout/lang"
)

// orderAmountJS lists what reads badly in My orders' rows: an item's name
// on more than two lines or broken inside a word ("1 × / Teko /
// Tokoname" beside a partly charged amount kept on one line; Thai and
// Chinese, written without spaces, break between their own units), and a
// money amount (each of amounts) broken across lines.
const orderAmountJS = `((amounts) => {
	const out = [], tops = rects => new Set([...rects].filter(r => r.width > 0).map(r => Math.round(r.top)));
	const lines = (node, from, to) => { const r = document.createRange(); r.setStart(node, from); r.setEnd(node, to); return tops(r.getClientRects()).size; };
	for (const row of document.querySelectorAll("[data-testid=order-row]")) {
		// A name holding a word kept whole (views' words: Thai's
		// "อีนาเมล" in a span.term) is more than one text node: its lines
		// are counted over all of it, its words (Thai: none) in a plain one.
		const name = row.querySelector(".order-row-name"), all = document.createRange();
		all.selectNodeContents(name);
		const n = tops(all.getClientRects()).size, node = name.childNodes.length === 1 && name.firstChild.nodeType === Node.TEXT_NODE ? name.firstChild : null;
		if (n > 2) out.push("«" + name.textContent + "» on " + n + " lines (" + name.getBoundingClientRect().width.toFixed(0) + " px wide)");
		if (node) for (let re = /\S+/g, m; (m = re.exec(node.data)); )
			if (!/[\u0e00-\u0e7f\u3040-\u9fff]/.test(m[0]) && lines(node, m.index, m.index + m[0].length) > 1) out.push("«" + m[0] + "» broken in «" + node.data + "»");
		// The amount's words may hold a word kept whole (Thai's
		// "เรียกเก็บ", charged, in a span.term): each text node is searched.
		const amount = row.querySelector("[data-testid=order-amount]");
		for (let walk = document.createTreeWalker(amount, NodeFilter.SHOW_TEXT), text = walk.nextNode(); text; text = walk.nextNode())
			for (const a of amounts) {
				const at = text.data.indexOf(a);
				if (at >= 0 && lines(text, at, at + a.length) > 1) out.push("«" + a + "» broken in «" + amount.textContent.trim() + "»");
			}
	}
	return out;
})`

// On a 390 px phone, in every language, My orders' row for a partly
// charged authorization ("JP¥500 daripada JP¥5,800" in Malay), refunded
// or not, keeps its item's name readable — on one or two lines, no word broken — while the
// amount wraps between its parts, each money amount whole; every row
// holds its contents and the page never scrolls sideways.
func TestPartlyChargedAmountLeavesTheNameReadable(t *testing.T) {
	srv := startServer(t, map[string]string{"CAPTURE_MODE": app.CaptureManual})
	b := newBrowser(t, srv.URL)
	signUp(b, "partly@example.com")
	// Two partly charged authorizations: ¥500 of a teapot's ¥5,800, and
	// of a furoshiki's ¥3,600, whose Malay name ("Kain pembalut
	// furoshiki") is longer.
	partly, refunded := map[string]int64{}, ""
	for slug, total := range map[string]int64{"teapot": 5800, "furoshiki": 3600} {
		buy(b, slug)
		ref := b.text("[data-testid=order-ref]")
		payOnHostedPage(b, "4242 4242 4242 4242", false)
		b.click("[data-testid=card-pay]", "[data-testid=result]")
		b.waitText("[data-testid=result-status]", "Authorized")
		if err := srv.App.Checkout().Capture(context.Background(), "staff@example.com", ref, 500); err != nil {
			t.Fatal(err)
		}
		partly[ref] = total
		if slug == "furoshiki" { // and refunded: "¥500 refunded" on a line of its own
			refunded = ref
			key, err := checkout.NewRefundKey()
			if err != nil {
				t.Fatal(err)
			}
			if _, _, err := srv.App.Checkout().RefundOrder(context.Background(), "staff@example.com", ref, checkout.RefundInput{Amount: "500", Reason: "asked", Key: key}); err != nil {
				t.Fatal(err)
			}
		}
	}
	buy(b, "mug") // a row with a plain amount too

	b.asPhone()
	for _, l := range lang.Languages {
		say := lang.For(l)
		b.run(network.Enable(), network.SetExtraHTTPHeaders(network.Headers{"Accept-Language": l.Code}))
		b.visit("/orders")
		paid, amounts := say.Money("JPY", 500, 0), []string{}
		for ref, total := range partly {
			total := say.Money("JPY", total, 0)
			b.waitText("[data-ref="+ref+"] [data-testid=order-charged]", say.T("orders.paid_of", lang.Args{"Paid": paid, "Total": total}))
			if ref == refunded {
				b.waitText("[data-ref="+ref+"] [data-testid=order-refunded]", say.T("orders.refunded_amount", lang.Args{"Amount": paid}))
			}
			amounts = append(amounts, total)
			// Chinese's label stays with its figure: "（已授权 ⏎
			// JP¥5,800）" at 320 px (trial).
			if label := map[string]string{"zh-Hans": "已授权", "zh-Hant": "已授權"}[l.Code]; label != "" {
				amounts = append(amounts, label+"\u00a0"+total)
			}
		}
		var bad []string
		b.run(chromedp.Evaluate(orderAmountJS+`(["`+paid+`", "`+strings.Join(amounts, `", "`)+`"])`, &bad))
		if len(bad) > 0 {
			b.screenshot()
			t.Fatalf("%s My orders: %s", l.Code, strings.Join(bad, "; "))
		}
		b.fits(l.Code+" My orders", ".order-row", ".order-list")
	}
	b.run(network.SetExtraHTTPHeaders(network.Headers{"Accept-Language": "en"}))
	b.asDesktop()
}
