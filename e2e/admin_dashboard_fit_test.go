package e2e

import (
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"antom-checkout/antom/sandbox"
	"antom-checkout/app"
)

// dashboardRefundsJS lists what reads badly in the dashboard's failed
// refunds line (data-testid problem-refunds-failed) and the refund ids
// named after it (refunds-look-first-shown): the line's words and their
// "— closed as failed by us …" set side by side as two narrow columns
// (the second never coming back under the first), a refund id broken
// other than right after a hyphen, and the list's closing ")" alone on
// a line.
const dashboardRefundsJS = `(() => {
	const out = [], line = document.querySelector("[data-testid=problem-refunds-failed]");
	const first = line.querySelector("[data-testid=problem-refunds-look-first]");
	const words = document.createRange();
	words.setStartAfter(line.querySelector(".count"));
	words.setEndBefore(first);
	const left = Math.min(...[...words.getClientRects()].filter(r => r.width > 0).map(r => r.left));
	if (Math.min(...[...first.getClientRects()].map(r => r.left)) > left + 1) out.push("«" + first.textContent.trim().slice(0, 30) + "» in a column of its own");
	const shown = document.querySelector("[data-testid=refunds-look-first-shown]");
	const rect = (t, i) => { const r = document.createRange(); r.setStart(t, i); r.setEnd(t, i + 1); return r.getClientRects()[0]; };
	const top = (t, i) => Math.round(rect(t, i).top);
	let last = null;
	for (const a of shown.querySelectorAll("a")) {
		const t = a.firstChild;
		for (let i = 1; i < t.length; i++) if (top(t, i) !== top(t, i - 1) && t.data[i - 1] !== "-") out.push(a.textContent + " broken between «" + t.data[i - 1] + "» and «" + t.data[i] + "»");
		last = t;
	}
	const close = shown.lastChild.nodeType === Node.TEXT_NODE ? shown.lastChild : null;
	const at = close ? close.data.lastIndexOf(")") : -1;
	if (at < 0) out.push("no closing parenthesis");
	else {
		const a = rect(close, at), b = rect(last, last.length - 1);
		if ((a.top >= b.bottom || a.bottom <= b.top) && !close.data.slice(0, at).trim()) out.push("«)» alone on a line");
	}
	return out;
})()`

// The staff dashboard with a failed refund that waits for a Refund
// lookup (closed as failed by us: Antom had no record of it the three
// times the reconciler asked) names its refund id after the count —
// "(the one to look up: RF-ORD-…)" — and fits a 320 px and a 390 px phone,
// nothing scrolling sideways: the id breaks only after its hyphens, its
// ")" stays with it, and the line's words and "— closed as failed by us
// …" read as one sentence, not two narrow columns; at 1280 px too.
func TestDashboardFitsAPhoneWithARefundToLookUp(t *testing.T) {
	if testing.Short() {
		t.Skip("waits for the reconciler to close a refund (three inquiries 1.5 s apart)")
	}
	srv, _, staff, _ := paidWithStaff(t, "dash.fit@example.com")
	srv.App.Sandbox().Faults().SetAPI("payments/refund", sandbox.APIFault{UnknownNext: 50})
	refundFive(staff, "[data-testid=flash]")
	for deadline := time.Now().Add(150 * time.Second); ; {
		staff.visit("/admin")
		var n int
		staff.run(chromedp.Evaluate(`document.querySelectorAll("[data-testid=refund-look-first-link]").length`, &n))
		if n > 0 {
			break
		}
		if time.Now().After(deadline) {
			t.Fatal("the dashboard names no refund to look up")
		}
		time.Sleep(time.Second)
	}
	if id := staff.text("[data-testid=refund-look-first-link]"); !strings.HasPrefix(id, "RF-ORD-") {
		t.Fatalf("the refund named: %q", id)
	}
	for _, width := range []int64{320, 390, 1280} {
		if width == 1280 {
			staff.asDesktop()
		} else {
			staff.asPhone()
			staff.run(chromedp.EmulateViewport(width, 800, chromedp.EmulateMobile, chromedp.EmulateTouch, chromedp.EmulateScale(1)))
		}
		staff.visit("/admin")
		staff.run(chromedp.ScrollIntoView("[data-testid=problem-refunds-failed]", chromedp.ByQuery))
		staff.fits("the dashboard", "main :is(h1, h2, p, ul.plain > li)", ".card")
		var bad []string
		staff.run(chromedp.Evaluate(dashboardRefundsJS, &bad))
		if len(bad) > 0 {
			t.Fatalf("the dashboard at %d px: %v", width, bad)
		}
	}
}

// underlinedJS lists the links matching sel whose underline starts or
// ends with a space: the text a link underlines (its own, and its
// inline children's; an inline-block, as the count's pill, is not
// underlined with it) read as rendered.
const underlinedJS = `((sel) => {
	const out = [];
	for (const a of document.querySelectorAll(sel)) {
		let text = "";
		const walk = document.createTreeWalker(a, NodeFilter.SHOW_TEXT);
		for (let t = walk.nextNode(); t; t = walk.nextNode()) {
			let under = false;
			for (let el = t.parentElement; el; el = el.parentElement) {
				const s = getComputedStyle(el);
				if (el !== t.parentElement && s.display === "inline-block") break;
				if (s.display === "inline-block") { under = false; break; }
				if (s.textDecorationLine.includes("underline")) { under = true; break; }
				if (el === a) break;
			}
			if (under) text += t.data;
		}
		const read = text.replace(/\s+/g, " ");
		if (read !== read.trim()) out.push("«" + read + "»");
	}
	return out;
})`

// The dashboard's links that lead with a count ("0 payments whose cancel
// is being checked", "0 expire within 24 hours") underline their words
// only: not the space between the count's pill and them. (The expiring
// line shows only with an open authorization: one is made first.)
func TestDashboardLinksUnderlineTheirWordsOnly(t *testing.T) {
	srv := startServer(t, map[string]string{"ADMIN_PASSWORD": adminPassword, "CAPTURE_MODE": app.CaptureManual})
	authorizedBy(newBrowser(t, srv.URL), "held@example.com")
	staff := newBrowser(t, srv.URL)
	staffSignIn(staff, srv)
	staff.visit("/admin")
	var bad []string
	var links int
	staff.run(chromedp.Evaluate(`document.querySelectorAll("[data-testid=cancels-in-doubt], [data-testid=authorizations-expiring] a").length`, &links))
	if links != 2 {
		t.Fatalf("%d of the two links that lead with a count", links)
	}
	staff.run(chromedp.Evaluate(underlinedJS+`("[data-testid=cancels-in-doubt], [data-testid=authorizations-expiring] a")`, &bad))
	if len(bad) > 0 {
		t.Fatalf("underlines with a space at an end: %v", bad)
	}
}
