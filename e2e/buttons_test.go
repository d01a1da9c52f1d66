package e2e

import (
	"strings"
	"testing"

	"github.com/chromedp/chromedp"
)

// oneClickJS lists what reads badly in the checkout's one-click buttons
// (each linked wallet's and kept card's): a method ("GCash 0917****123",
// after "Pay with ") broken across lines though it fits on one beside the
// badge, a break inside a word or an account ("010-****-5678" at its
// hyphen) though it fits, and a badge whose outer edge — its border when
// at least 2 px wide, else its fill — has less than 3:1 contrast with the
// button (WCAG 1.4.11). Each entry says which button and why.
const oneClickJS = `(() => {
	const rgba = c => { const m = c.match(/[\d.]+/g).map(Number); return {r: m[0], g: m[1], b: m[2], a: m.length > 3 ? m[3] : 1}; };
	const over = (fg, bg) => ({r: fg.a * fg.r + (1 - fg.a) * bg.r, g: fg.a * fg.g + (1 - fg.a) * bg.g, b: fg.a * fg.b + (1 - fg.a) * bg.b, a: 1});
	const lum = c => { const f = v => { v /= 255; return v <= 0.03928 ? v / 12.92 : Math.pow((v + 0.055) / 1.055, 2.4); }; return 0.2126 * f(c.r) + 0.7152 * f(c.g) + 0.0722 * f(c.b); };
	const contrast = (a, b) => { const x = lum(a), y = lum(b); return (Math.max(x, y) + 0.05) / (Math.min(x, y) + 0.05); };
	const out = [];
	for (const btn of document.querySelectorAll("[data-testid^=pay-wallet-], [data-testid^=pay-card-]")) {
		const id = btn.dataset.testid, bs = getComputedStyle(btn), bg = rgba(bs.backgroundColor);
		const chars = [];
		const walk = document.createTreeWalker(btn, NodeFilter.SHOW_TEXT);
		for (let t = walk.nextNode(); t; t = walk.nextNode()) {
			for (let i = 0; i < t.length; i++) {
				const r = document.createRange(); r.setStart(t, i); r.setEnd(t, i + 1);
				const rect = r.getClientRects()[0];
				chars.push({ch: t.data[i], top: rect && /\S/.test(t.data[i]) ? rect.top : null});
			}
		}
		const text = chars.map(c => c.ch).join("");
		const start = text.indexOf("Pay with ") + "Pay with ".length;
		if (start < "Pay with ".length) { out.push(id + ": no «Pay with» in «" + text + "»"); continue; }
		const method = text.slice(start).trim(), account = method.slice(method.lastIndexOf(" ") + 1);
		const mark = btn.querySelector(".mark");
		const content = btn.clientWidth - parseFloat(bs.paddingLeft) - parseFloat(bs.paddingRight);
		const room = content - (mark ? mark.getBoundingClientRect().width + parseFloat(bs.columnGap || 0) + parseFloat(getComputedStyle(mark).marginRight) : 0);
		const width = s => { const e = document.createElement("span"); e.style.cssText = "position:absolute;visibility:hidden;white-space:nowrap;font:" + bs.font + ";letter-spacing:" + bs.letterSpacing; e.textContent = s; document.body.append(e); const w = e.getBoundingClientRect().width; e.remove(); return w; };
		let prev = null;
		for (let i = 0; i < chars.length; i++) {
			if (chars[i].top === null) continue;
			if (prev !== null && Math.abs(chars[i].top - chars[prev].top) > 2 && i > start) {
				const at = "«" + text.slice(0, i).trim() + "⏎" + text.slice(i).trim() + "»";
				if (width(method) <= room) out.push(id + ": its method breaks though it fits (" + width(method).toFixed(0) + " of " + room.toFixed(0) + " px): " + at);
				else if (!/\s/.test(text[i - 1])) out.push(id + ": breaks inside a word: " + at);
				if (i > text.lastIndexOf(account) && width(account) <= room) out.push(id + ": its account breaks though it fits: " + at);
			}
			prev = i;
		}
		if (mark) {
			const ms = getComputedStyle(mark), fill = over(rgba(ms.backgroundColor), bg);
			const edge = parseFloat(ms.borderTopWidth) >= 2 ? over(rgba(ms.borderTopColor), fill) : fill;
			const c = contrast(edge, bg);
			if (c < 3) out.push(id + ": its badge's edge " + JSON.stringify(edge) + " has " + c.toFixed(2) + ":1 against the button " + bs.backgroundColor);
		}
	}
	return out;
})()`

// contactLinesJS counts the lines the footer's contact takes: the lines
// of its text (linesJS; the boxes that keep it whole are no line).
const contactLinesJS = linesJS + `("[data-testid=shop-contact] [data-testid=contact-link]").length`

// cjkBreaksJS lists the one-click buttons whose words break between two
// Chinese characters or Hangul syllables ("支⏎付", "결⏎제"): such words
// break at the spaces around the method.
const cjkBreaksJS = `(() => {
	const cjk = /[\u3400-\u9fff\uac00-\ud7af]/;
	const out = [];
	for (const btn of document.querySelectorAll("[data-testid^=pay-wallet-], [data-testid^=pay-card-]")) {
		const chars = [];
		const walk = document.createTreeWalker(btn, NodeFilter.SHOW_TEXT);
		for (let t = walk.nextNode(); t; t = walk.nextNode()) {
			for (let i = 0; i < t.length; i++) {
				const r = document.createRange(); r.setStart(t, i); r.setEnd(t, i + 1);
				const rect = r.getClientRects()[0];
				if (!/\S/.test(t.data[i])) { if (chars.length) chars[chars.length-1].space = true; continue; }
				if (rect) chars.push({ch: t.data[i], top: rect.top, space: false});
			}
		}
		for (let i = 1; i < chars.length; i++) {
			if (Math.abs(chars[i].top - chars[i-1].top) > 2 && !chars[i-1].space && cjk.test(chars[i].ch) && cjk.test(chars[i-1].ch)) {
				out.push(btn.dataset.testid + ": " + chars.slice(0, i).map(c => c.ch).join("") + "⏎" + chars.slice(i).map(c => c.ch).join(""));
			}
		}
	}
	return out;
})()`

// At the phone's size (390×844) and the desktop's (1280×800) the
// checkout's one-click buttons read whole: a wallet and its account, or a
// kept card, stay on one line when they fit beside the badge (never
// broken at an account's hyphen), and every badge stands out from the
// blue button (GCash's blue badge was faint on it). The footer's contact
// with a hyphen, help@demo-shop.example, stays whole when it fits; the
// page never scrolls sideways.
func TestOneClickButtonsAndContactReadWhole(t *testing.T) {
	const contact = "help@demo-shop.example"
	srv := startServer(t, map[string]string{"MERCHANT_CONTACT": contact})
	b := newBrowser(t, srv.URL)
	signUp(b, "buttons@example.com")
	for _, w := range []string{"GCASH", "KAKAOPAY", "TNG"} {
		linkWallet(b, w)
	}
	buy(b, "mug")
	payOnHostedPage(b, "5555 5555 5555 4444", true)
	b.click("[data-testid=card-pay]", "[data-testid=result]")
	b.waitText("[data-testid=result-status]", "Paid")
	buy(b, "matcha")
	ref := b.text("[data-testid=order-ref]")
	for _, phone := range []bool{true, false} {
		size := "desktop"
		if phone {
			size = "phone"
			b.asPhone()
		} else {
			b.asDesktop()
		}
		b.visit("/checkout/" + ref)
		b.fullScreenshot(size)
		b.noSidewaysScroll()
		var buttons int
		b.run(chromedp.Evaluate(`document.querySelectorAll("[data-testid^=pay-wallet-], [data-testid^=pay-card-]").length`, &buttons))
		if buttons != 4 {
			t.Fatalf("%s: %d one-click buttons, want 3 wallets and a card", size, buttons)
		}
		var bad []string
		b.run(chromedp.Evaluate(oneClickJS, &bad))
		if len(bad) > 0 {
			t.Errorf("%s: %d problems:\n%s", size, len(bad), strings.Join(bad, "\n"))
		}
		b.waitText("[data-testid=shop-contact] [data-testid=contact-link]", contact)
		var lines int
		b.run(chromedp.Evaluate(contactLinesJS, &lines))
		if lines != 1 {
			t.Errorf("%s: the footer's %s takes %d lines, want 1", size, contact, lines)
		}
	}
	// In Chinese and Korean at the phone's size, "使用 … 支付" and
	// "… 결제" break at their spaces, never inside 支付 or 결제.
	b.asPhone()
	for _, code := range []string{"zh-Hans", "ko"} {
		b.visit("/checkout/" + ref)
		b.switchTo(code)
		b.visit("/checkout/" + ref)
		b.fullScreenshot("phone-" + code)
		var bad []string
		b.run(chromedp.Evaluate(cjkBreaksJS, &bad))
		if len(bad) > 0 {
			t.Errorf("%s: words broken between their characters:\n%s", code, strings.Join(bad, "\n"))
		}
	}
	b.switchTo("en")
	b.asDesktop()
}
