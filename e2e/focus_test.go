package e2e

import (
	"fmt"
	"testing"

	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"
)

// focusRingJS describes the focused element's ring: "" when it is at least
// 3 px wide and has at least 3:1 contrast (WCAG 1.4.11) with the element's
// own background, with what is behind the ring (the card) and with the
// page's, else what fails.
const focusRingJS = `(() => {
	const el = document.activeElement;
	const rgba = c => { const m = c.match(/[\d.]+/g).map(Number); return {r: m[0], g: m[1], b: m[2], a: m.length > 3 ? m[3] : 1}; };
	const lum = c => { const f = v => { v /= 255; return v <= 0.03928 ? v / 12.92 : Math.pow((v + 0.055) / 1.055, 2.4); }; return 0.2126 * f(c.r) + 0.7152 * f(c.g) + 0.0722 * f(c.b); };
	const contrast = (a, b) => { const x = lum(a), y = lum(b); return (Math.max(x, y) + 0.05) / (Math.min(x, y) + 0.05); };
	const bg = e => { for (; e; e = e.parentElement) { const c = rgba(getComputedStyle(e).backgroundColor); if (c.a > 0) return c; } return {r: 255, g: 255, b: 255, a: 1}; };
	const s = getComputedStyle(el);
	if (s.outlineStyle === "none" || parseFloat(s.outlineWidth) < 3) return "a " + s.outlineWidth + " " + s.outlineStyle + " ring";
	const ring = rgba(s.outlineColor), out = [];
	for (const [name, c] of [["its own background", bg(el)], ["the background behind the ring", bg(el.parentElement)], ["the page", bg(document.body)]]) {
		const k = contrast(ring, c);
		if (k < 3) out.push(k.toFixed(2) + ":1 against " + name + " " + JSON.stringify(c));
	}
	return out.length ? "ring " + s.outlineColor + ": " + out.join(", ") : "";
})()`

// tabTo presses Tab until the element matching sel has the focus, as a
// keyboard user reaches it (so :focus-visible applies).
func (b *browser) tabTo(sel string) {
	b.t.Helper()
	for range 120 {
		var at bool
		b.run(chromedp.KeyEvent(kb.Tab), chromedp.Evaluate(fmt.Sprintf(`document.activeElement.matches(%q)`, sel), &at))
		if at {
			return
		}
	}
	b.t.Fatalf("Tab never reaches %s", sel)
}

// A keyboard user sees where the focus is on every kind of focusable
// element — a blue button, a <details>' summary (Link a wallet), a link —
// on the buyer's and the staff's pages: the ring is 3 px and has at least
// 3:1 against the element, the card it sits on and the page (the former
// light-blue ring had 2.1:1 on white, and a summary had none of ours).
func TestFocusRingStandsOut(t *testing.T) {
	srv := startServer(t, map[string]string{"ADMIN_PASSWORD": adminPassword})
	buyer := newBrowser(t, srv.URL)
	signUp(buyer, "focus@example.com") // no wallet: Link a wallet and a blue card button
	buy(buyer, "mug")
	ref := buyer.text("[data-testid=order-ref]")
	staff := newBrowser(t, srv.URL)
	staffSignIn(staff, srv)
	for _, c := range []struct {
		b          *browser
		path, what string
		sel        []string
	}{
		{buyer, "/checkout/" + ref, "checkout", []string{"[data-testid=pay-card]", "#link-wallet > summary", "a.brand"}},
		{staff, "/admin", "dashboard", []string{".chart-table > summary", "[data-testid=problem-stuck]", "[data-testid=staff-signout]"}},
		{staff, "/admin/orders", "orders", []string{".filters button.btn"}},
	} {
		for _, sel := range c.sel {
			c.b.visit(c.path) // Tab starts again from the page's top
			c.b.tabTo(sel)
			var bad string
			c.b.run(chromedp.Evaluate(focusRingJS, &bad))
			if bad != "" {
				t.Errorf("%s, %s focused: %s", c.what, sel, bad)
			}
		}
	}
}
