package e2e

import (
	"net/url"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"
)

// idsReadJS lists, for every element matching the selector holding one
// of Antom's ids, what makes it hard to read or copy: a line break inside
// a piece of it (between its hyphens) that would have fitted a line of
// its own, a break in an id that fits its box on one line, or another
// text sharing its lines (beside its label). It returns how many it
// checked too.
const idsReadJS = `((sel) => {
	const out = {Checked: 0, Bad: []};
	const rects = (el, skip) => {
		const res = [];
		const w = document.createTreeWalker(el, NodeFilter.SHOW_TEXT);
		for (let t = w.nextNode(); t; t = w.nextNode()) {
			if (skip && skip.contains(t)) continue;
			if (t.parentElement.closest("script, style, [hidden]")) continue;
			for (let i = 0; i < t.length; i++) {
				if (!t.data[i].trim()) continue;
				const r = document.createRange(); r.setStart(t, i); r.setEnd(t, i + 1);
				const b = r.getClientRects()[0];
				if (b && b.width > 0) res.push({c: t.data[i], b});
			}
		}
		return res;
	};
	for (const el of document.querySelectorAll(sel)) {
		const id = el.textContent.trim();
		if (id.length < 8) continue; // a dash, a short code
		out.Checked++;
		const chars = rects(el);
		const lines = [];
		for (const ch of chars) {
			const last = lines[lines.length - 1];
			if (last && Math.abs(last.top - ch.b.top) < 2) { last.text += ch.c; last.right = ch.b.right; last.n++; }
			else lines.push({top: ch.b.top, bottom: ch.b.bottom, left: ch.b.left, right: ch.b.right, text: ch.c, n: 1});
		}
		const cs = getComputedStyle(el);
		const width = el.clientWidth - parseFloat(cs.paddingLeft) - parseFloat(cs.paddingRight);
		const cw = chars.length ? chars.reduce((s, ch) => s + ch.b.width, 0) / chars.length : 0;
		if (lines.length > 1 && id.length * cw <= width + 1) out.Bad.push(id + " fits its box (" + Math.round(width) + " px) but takes " + lines.length + " lines");
		// A break not after a hyphen, inside a piece that fits a line.
		let at = 0;
		for (let i = 0; i + 1 < lines.length; i++) {
			at += lines[i].n;
			if (lines[i].text.endsWith("-")) continue;
			const start = id.lastIndexOf("-", at - 1) + 1, end = id.indexOf("-", at);
			const piece = id.slice(start, end < 0 ? id.length : end + 1);
			if (piece.length * cw <= width + 1) out.Bad.push(id + " broken mid-piece: «" + lines[i].text + "|" + lines[i + 1].text + "»");
		}
		// Nothing else on its lines.
		const card = el.closest(".card, section, tr, li") || document.querySelector("main");
		for (const ch of rects(card, el)) {
			if (lines.some(l => ch.b.top < l.bottom - 2 && ch.b.bottom > l.top + 2)) {
				out.Bad.push(id + " shares its line with «" + ch.c + "»");
				break;
			}
		}
	}
	return out;
})`

// idsRead fails the test (going on) unless every id matching sel reads on lines of
// its own, broken only where it must be (idsReadJS); it returns how many
// it checked.
func (b *browser) idsRead(what, sel string) int {
	b.t.Helper()
	var res struct {
		Checked int
		Bad     []string
	}
	b.run(chromedp.Evaluate(idsReadJS+`(`+quoteJS(sel)+`)`, &res))
	if len(res.Bad) > 0 {
		b.screenshot()
		b.t.Errorf("%s: ids hard to read or copy: %v", what, res.Bad)
	}
	return res.Checked
}

// The refund lookup's answer has an address of its own: Ask Antom's POST
// asks once and leads (303) there, and Reload shows the answer kept for
// this sign-in again, asking Antom nothing, never "Confirm Form
// Resubmission". On a 390 px phone its ids — refundRequestId and refundId —
// and the order page's — the refund's ids, the attempt's paymentRequestId
// and paymentId — each read on lines of their own, whole when they fit a
// line, else broken at a hyphen, never mid-token ("…5RG9 ⏎ 4VYD…").
func TestRefundLookupIsAnAddressAndItsIdsReadOnAPhone(t *testing.T) {
	srv, _, staff, ref := paidWithStaff(t, "ids.phone@example.com")
	refundFive(staff, "[data-testid=flash]")
	staff.waitText("[data-testid=refund-status]", "success")
	requestID := strings.TrimSpace(staff.text("[data-testid=refund-request-id]"))

	staff.click("[data-testid=refund-check]", "[data-testid=lookup-result]")
	staff.waitText("[data-testid=lookup-status]", "success")
	var at string
	staff.run(chromedp.Location(&at))
	u, err := url.Parse(at)
	if err != nil || u.Path != "/admin/refunds/lookup" || u.Query().Get("id") != requestID {
		t.Fatalf("the lookup's answer is at %q, not an address naming the refund %s", at, requestID)
	}
	calls := srv.App.Sandbox().Calls("payments/inquiryRefund")
	staff.run(chromedp.Reload())
	staff.waitText("[data-testid=lookup-status]", "success")
	staff.run(chromedp.NavigateBack(), chromedp.WaitVisible("[data-testid=refund-check]", chromedp.ByQuery))
	staff.run(chromedp.NavigateForward(), chromedp.WaitReady("body"))
	staff.waitText("[data-testid=lookup-status]", "success")
	if n := srv.App.Sandbox().Calls("payments/inquiryRefund"); n != calls {
		t.Fatalf("Reload, Back and Forward of the answer asked Antom %d times, want none", n-calls)
	}

	staff.asPhone()
	staff.visit(strings.TrimPrefix(at, srv.URL))
	staff.waitText("[data-testid=lookup-status]", "success")
	staff.screenshot()
	if n := staff.idsRead("the lookup's answer", "[data-testid=lookup-result] dd.mono, [data-testid=lookup-order]"); n != 3 {
		t.Errorf("the lookup's answer: %d ids checked, want 3 (refundRequestId, refundId, our order)", n)
	}
	// On a desktop each reads on one line beside its label.
	staff.asDesktop()
	staff.visit(strings.TrimPrefix(at, srv.URL))
	staff.screenshot()
	for _, id := range []string{"lookup-request-id", "lookup-refund-id", "lookup-order"} {
		staff.breaksOnlyBefore("the lookup's answer on a desktop", "[data-testid="+id+"]", "")
	}
	staff.asPhone()
	staff.visit("/admin/orders/" + ref)
	staff.run(chromedp.ScrollIntoView("[data-testid=refund-request-id]", chromedp.ByQuery))
	staff.screenshot()
	if n := staff.idsRead("the order", "[data-testid=refund-request-id], [data-testid=refund-id], td[data-label=paymentRequestId], [data-testid=attempt-payment-id]"); n < 4 {
		t.Errorf("the order: %d ids checked, want 4", n)
	}
}
