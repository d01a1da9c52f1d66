package e2e

import (
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"antom-checkout/antom/sandbox"
)

// breaksOnlyBefore fails the test unless the text of the element
// matching sel reads on one line or breaks only right before one of the
// characters in at (an email before its "@"): never mid-word.
func (b *browser) breaksOnlyBefore(what, sel, at string) {
	b.t.Helper()
	var bad []string
	b.run(chromedp.Evaluate(`((sel, at) => {
		const out = [], el = document.querySelector(sel);
		const walk = document.createTreeWalker(el, NodeFilter.SHOW_TEXT);
		let prev = null;
		for (let t = walk.nextNode(); t; t = walk.nextNode()) {
			for (let i = 0; i < t.textContent.length; i++) {
				const c = t.textContent[i];
				if (!c.trim()) continue;
				const r = document.createRange(); r.setStart(t, i); r.setEnd(t, i + 1);
				const y = Math.round(r.getBoundingClientRect().top);
				if (prev !== null && y !== prev.y && !at.includes(c)) out.push("broken between «" + prev.c + "» and «" + c + "»");
				prev = {c, y};
			}
		}
		return out;
	})(`+quoteJS(sel)+`, `+quoteJS(at)+`)`, &bad))
	if len(bad) > 0 {
		b.t.Fatalf("%s: %q %v", what, b.text(sel), bad)
	}
}

// waitForRow reloads path until it lists an element matching sel, for
// what arrives by itself (a notification Antom sends after its answer).
func (b *browser) waitForRow(path, sel string) {
	b.t.Helper()
	for deadline := time.Now().Add(15 * time.Second); ; {
		b.visit(path)
		var n int
		b.run(chromedp.Evaluate(`document.querySelectorAll(`+quoteJS(sel)+`).length`, &n))
		if n > 0 {
			return
		}
		if time.Now().After(deadline) {
			b.t.Fatalf("%s lists no %s", path, sel)
		}
		time.Sleep(200 * time.Millisecond)
	}
}

// On a phone, admin pages hold long unbroken tokens — a refused
// notification's sha256, refund ids, paymentIds, emails — inside their
// boxes: the inbox's cards and their dates stay whole within the page,
// nothing scrolls sideways; and the order summary's buyer email, which
// fits a phone's line, reads whole.
func TestAdminLongTokensFitAPhone(t *testing.T) {
	srv, _, staff, ref := paidWithStaff(t, "buyer.number.one@example.com")
	srv.App.Sandbox().Faults().SetNotify(sandbox.NotifyFault{CorruptSignatureNext: 1})
	refundFive(staff, "[data-testid=flash]")
	staff.waitText("[data-testid=refund-status]", "success")
	staff.waitForRow("/admin/notifications?verdict=forged", "[data-testid=inbox-row][data-verdict=forged]")
	var id string
	staff.run(chromedp.AttributeValue("[data-testid=inbox-row][data-verdict=forged]", "data-id", &id, nil, chromedp.ByQuery))
	if !strings.Contains(staff.text("[data-testid=inbox-detail]"), "sha256 ") {
		t.Fatalf("the refused notification's detail: %q", staff.text("[data-testid=inbox-detail]"))
	}

	staff.asPhone()
	for _, path := range []string{"/admin/notifications", "/admin/notifications/" + id, "/admin/orders/" + ref, "/admin/orders",
		"/admin", "/admin/wallets?email=buyer.number.one%40example.com", "/admin/refunds/lookup?id=RF-" + ref + "-A-RATHER-LONG-ID", "/admin/staff"} {
		staff.visit(path)
		staff.fits(path, "main :is(h1, h2, p, dt, dd, ul.plain > li, .inbox-head)", ".card")
		staff.keepsFieldNames(path)
	}
	staff.visit("/admin/orders/" + ref)
	if n := staff.keepsFieldNames("the order on a phone"); n < 4 { // its attempts' and refunds' columns
		t.Fatalf("the order on a phone: %d of Antom's field names checked, want 4", n)
	}
	staff.asDesktop()
	staff.visit("/admin/orders/" + ref)
	staff.keepsFieldNames("the order on a desktop")
	staff.asPhone()
	staff.visit("/admin/orders/" + ref)
	staff.run(chromedp.ScrollIntoView("[data-testid=order-buyer]", chromedp.ByQuery))
	staff.screenshot()
	// An email that fits a phone's line reads whole, never broken at its
	// "@": the summary's takes the whole width under its label.
	staff.breaksOnlyBefore("the summary's buyer", "[data-testid=order-buyer]", "")
}

// keepsFieldNames fails the test unless every column name on the page
// that is one of Antom's camelCase field names (paymentRequestId,
// refundRequestId / refundId) reads as rendered in its own case: the
// table's header, and on a phone each card's label (its cell's
// data-label, shown before it). It returns how many it checked.
func (b *browser) keepsFieldNames(what string) int {
	b.t.Helper()
	var res struct {
		Checked int
		Bad     []string
	}
	b.run(chromedp.Evaluate(`(() => {
		const camel = /[a-z][A-Z]/, out = {Checked: 0, Bad: []};
		for (const th of document.querySelectorAll("main th")) {
			const text = th.textContent.trim();
			if (!camel.test(text)) continue;
			out.Checked++;
			if (th.innerText.trim() !== text) out.Bad.push("header " + text + " reads " + th.innerText.trim());
		}
		for (const td of document.querySelectorAll("main td[data-label]")) {
			const label = td.dataset.label, before = getComputedStyle(td, "::before");
			if (!camel.test(label) || before.content === "none" || before.display === "none") continue;
			out.Checked++;
			if (before.textTransform !== "none") out.Bad.push("label " + label + " is " + before.textTransform);
		}
		return out;
	})()`, &res))
	if len(res.Bad) > 0 {
		b.t.Fatalf("%s: Antom's field names lose their case: %v", what, res.Bad)
	}
	return res.Checked
}
