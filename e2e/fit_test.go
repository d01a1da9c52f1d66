package e2e

import (
	"fmt"
	"testing"

	"github.com/chromedp/cdproto/network"
	"github.com/chromedp/chromedp"

	"antom-checkout/lang"
)

// overflowJS lists what pokes out of its box on the page: every element
// matching box must hold, inside its content box (padding and border
// excluded), each of its descendants and each line of its text; and lie
// inside the element matching within it is in. Each entry says what and
// by how many px.
const overflowJS = `((box, within) => {
	const out = [], inside = (r, b, what) => {
		const over = Math.max(b.left - r.left, r.right - b.right, b.top - r.top, r.bottom - b.bottom);
		if (over >= 1) out.push(what + " by " + over.toFixed(1) + " px"); // less is rounding
	};
	for (const el of document.querySelectorAll(box)) {
		const r = el.getBoundingClientRect(), s = getComputedStyle(el);
		if (r.width === 0) continue;
		const content = {
			left: r.left + parseFloat(s.borderLeftWidth) + parseFloat(s.paddingLeft),
			right: r.right - parseFloat(s.borderRightWidth) - parseFloat(s.paddingRight),
			top: r.top + parseFloat(s.borderTopWidth) + parseFloat(s.paddingTop),
			bottom: r.bottom - parseFloat(s.borderBottomWidth) - parseFloat(s.paddingBottom),
		};
		const name = (el.textContent || "").trim().replace(/\s+/g, " ").slice(0, 40);
		for (const child of el.querySelectorAll("*")) {
			const c = child.getBoundingClientRect();
			if (c.width > 0) inside(c, content, "«" + (child.textContent || child.tagName).trim().slice(0, 30) + "» out of «" + name + "»");
		}
		const walk = document.createTreeWalker(el, NodeFilter.SHOW_TEXT);
		for (let t = walk.nextNode(); t; t = walk.nextNode()) {
			if (!t.textContent.trim()) continue;
			const range = document.createRange();
			range.selectNodeContents(t);
			for (const line of range.getClientRects()) inside(line, content, "text «" + t.textContent.trim().slice(0, 30) + "» out of «" + name + "»");
		}
		const outer = within && el.closest(within);
		if (outer) inside(r, outer.getBoundingClientRect(), "«" + name + "» out of its " + within);
	}
	return out;
})`

// fits fails the test when anything matching box pokes out (overflowJS)
// or the page scrolls sideways.
func (b *browser) fits(what, box, within string) {
	b.t.Helper()
	b.screenshot()
	b.noSidewaysScroll()
	var out []string
	b.run(chromedp.Evaluate(overflowJS+`(`+quoteJS(box)+`, `+quoteJS(within)+`)`, &out))
	if len(out) > 0 {
		b.t.Fatalf("%s: %d things poke out of their boxes: %v", what, len(out), out)
	}
}

func quoteJS(s string) string {
	q := []byte{'"'}
	for _, r := range []byte(s) {
		if r == '"' || r == '\\' {
			q = append(q, '\\')
		}
		q = append(q, r)
	}
	return string(append(q, '"'))
}

// The wallet chooser, on My wallets and at checkout, holds each wallet's
// badge and name inside its box in every language, at the desktop size
// and on a phone.
func TestWalletChooserFitsItsBoxes(t *testing.T) {
	srv := startServer(t, nil)
	b := newBrowser(t, srv.URL)
	signUp(b, "chooser@example.com")
	buy(b, "coffee")
	var checkoutPath string
	b.run(chromedp.Evaluate(`location.pathname`, &checkoutPath))
	for _, l := range lang.Languages {
		b.run(network.Enable(), network.SetExtraHTTPHeaders(network.Headers{"Accept-Language": l.Code}))
		for _, phone := range []bool{false, true} {
			if phone {
				b.asPhone()
			} else {
				b.asDesktop()
			}
			b.visit("/wallets")
			b.fits(l.Code+" My wallets", ".brand-choice", "fieldset.brands")
			b.visit(checkoutPath)
			b.run(chromedp.Evaluate(`document.querySelector("#link-wallet").open = true`, nil))
			b.run(chromedp.ScrollIntoView("#link-wallet", chromedp.ByQuery))
			b.fits(l.Code+" checkout", ".brand-choice", "fieldset.brands")
		}
	}
}

// tablesReadable fails the test unless every admin table cell on the page
// holds its text and elements inside itself and lies inside its table's
// box, no table scrolls sideways, every amount (.num) in a cell reads on
// one line, and a reference (.mono) too, or else breaks only after a
// hyphen: each of its parts whole.
func (b *browser) tablesReadable(what string) {
	b.t.Helper()
	b.fits(what, "td", ".table-scroll")
	var bad []string
	b.run(chromedp.Evaluate(`(() => {
		const out = [];
		for (const s of document.querySelectorAll(".table-scroll"))
			if (s.scrollWidth > s.clientWidth) out.push("a table scrolls sideways by " + (s.scrollWidth - s.clientWidth) + " px");
		for (const el of document.querySelectorAll("td .mono, td.mono, td.num")) {
			if (!el.textContent.trim() || el.getBoundingClientRect().width === 0) continue;
			const walk = document.createTreeWalker(el, NodeFilter.SHOW_TEXT);
			for (let t = walk.nextNode(); t; t = walk.nextNode()) {
				if (!t.textContent.trim()) continue;
				const range = document.createRange();
				range.selectNodeContents(t);
				if (new Set([...range.getClientRects()].filter(r => r.width > 0).map(r => Math.round(r.top))).size < 2) continue;
				// Across lines: each break comes right after a hyphen
				// (a reference's parts stay whole), none in an amount.
				const text = t.textContent, top = i => { const r = document.createRange(); r.setStart(t, i); r.setEnd(t, i + 1); return Math.round(r.getBoundingClientRect().top); };
				let prev = null;
				for (let i = 0; i < text.length; i++) {
					if (!text[i].trim()) continue;
					const y = top(i);
					if (prev !== null && y !== prev.y && (el.matches(".num") || text[prev.i] !== "-"))
						out.push("«" + text.trim() + "» broken between «" + text.slice(0, i) + "» and «" + text.slice(i) + "»");
					prev = {i, y};
				}
			}
		}
		return out;
	})()`, &bad))
	if len(bad) > 0 {
		b.t.Fatalf("%s: %v", what, bad)
	}
}

// On a phone (390×844) and at the desktop size, the admin's tables —
// orders, an order's items, payment attempts and refunds, a buyer's
// wallets, the chart's numbers — show every cell whole: no reference
// broken mid-string, no amount cut, nothing scrolling sideways.
func TestAdminTablesReadOnAPhone(t *testing.T) {
	_, _, staff, ref := paidWithStaff(t, "a.rather.long.buyer.address@example.com")
	refundFive(staff, "[data-testid=flash]")
	staff.waitText("[data-testid=refund-status]", "success")
	for _, phone := range []bool{true, false} {
		if phone {
			staff.asPhone()
		} else {
			staff.asDesktop()
		}
		for _, path := range []string{"/admin/orders", "/admin/orders/" + ref, "/admin/wallets?email=a.rather.long.buyer.address%40example.com", "/admin/notifications", "/admin"} {
			staff.visit(path)
			staff.run(chromedp.Evaluate(`document.querySelectorAll("details").forEach(d => d.open = true)`, nil))
			staff.tablesReadable(path)
			var tables int
			staff.run(chromedp.Evaluate(`document.querySelectorAll(".table-scroll").length`, &tables))
			for i := range tables { // for E2E_SCREENSHOTS
				staff.run(chromedp.Evaluate(fmt.Sprintf(`document.querySelectorAll(".table-scroll")[%d].scrollIntoView()`, i), nil))
				staff.screenshot()
			}
		}
	}
}
