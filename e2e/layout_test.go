package e2e

import (
	"testing"

	"github.com/chromedp/chromedp"
)

// amountFits fails the test unless the hosted card page's amount lies
// inside its box's content (not over its padding) and the page does not
// scroll sideways.
func (b *browser) amountFits(what string) {
	b.t.Helper()
	b.screenshot()
	b.noSidewaysScroll()
	var overBy float64
	b.run(chromedp.Evaluate(`(() => {
		const a = document.querySelector("[data-testid=card-amount]"), box = a.parentElement, s = getComputedStyle(box);
		const inner = box.getBoundingClientRect().right - parseFloat(s.paddingRight) - parseFloat(s.borderRightWidth);
		return a.getBoundingClientRect().right - inner;
	})()`, &overBy))
	if overBy > 0.5 {
		b.t.Fatalf("%s: the amount runs %.1f px past its box", what, overBy)
	}
}

// The sandbox's hosted card page fits a phone — 390 px and the smallest,
// 320 px — with the largest test payment: the page never scrolls sideways
// and the amount stays in its box, on the form, with the test cards open,
// with field errors and on the 3-D Secure page.
func TestCardPageFitsAPhone(t *testing.T) {
	srv := startServer(t, nil)
	for _, width := range []int64{390, 320} {
		b := newBrowser(t, srv.URL)
		b.asPhone()
		b.run(chromedp.EmulateViewport(width, 700, chromedp.EmulateMobile, chromedp.EmulateTouch, chromedp.EmulateScale(1)))
		b.visit("/")
		b.run(chromedp.SendKeys("[data-testid=test-amount]", "10000", chromedp.ByQuery))
		b.click("[data-testid=test-buy]", "[data-testid=checkout]")
		b.click("[data-testid=pay-card]", "[data-testid=card-number]")
		b.waitText("[data-testid=card-amount]", "$10,000.00") // as the shop writes it (the sandbox's cardAmount)
		b.amountFits("the form")
		b.run(chromedp.Click("[data-testid=card-test-cards] summary", chromedp.ByQuery))
		b.amountFits("the test cards")
		b.click("[data-testid=card-pay]", "[data-testid=card-error-number]")
		b.amountFits("field errors")
		b.run(
			chromedp.SendKeys("[data-testid=card-number]", "4000 0000 0000 3220", chromedp.ByQuery),
			chromedp.SendKeys("[data-testid=card-expiry]", "12/34", chromedp.ByQuery),
			chromedp.SendKeys("[data-testid=card-cvc]", "123", chromedp.ByQuery),
			chromedp.SendKeys("[data-testid=card-name]", "Ann Buyer", chromedp.ByQuery),
		)
		b.click("[data-testid=card-pay]", "[data-testid=challenge-code]")
		b.amountFits("3-D Secure")
	}
}

// On a phone the dashboard's chart shows the whole day in its card, up
// to the latest hour, with readable labels none of which is cut off at an
// edge (nor at the desktop size) or lies on the axis, a bar or another
// label; the page does not scroll sideways.
func TestDashboardChartOnAPhone(t *testing.T) {
	srv := startServer(t, map[string]string{"ADMIN_PASSWORD": adminPassword})
	staff := newBrowser(t, srv.URL)
	staffSignIn(staff, srv)
	for _, phone := range []bool{true, false} {
		if phone {
			staff.asPhone()
		} else {
			staff.asDesktop()
		}
		staff.visit("/admin")
		staff.run(chromedp.ScrollIntoView("[data-testid=payments-chart]", chromedp.ByQuery))
		staff.screenshot()
		staff.noSidewaysScroll()
		var label float64
		staff.run(chromedp.Evaluate(`document.querySelector(".chart-label").getBoundingClientRect().height`, &label))
		if label < 10 {
			t.Fatalf("the chart's labels are %.1f px high (phone %v)", label, phone)
		}
		var cut []string
		staff.run(chromedp.Evaluate(`(() => {
			const box = document.querySelector(".chart").getBoundingClientRect(), out = [];
			for (const el of document.querySelectorAll(".chart-label, [data-testid=chart-bar] rect")) {
				const r = el.getBoundingClientRect();
				if (r.width === 0) continue; // hidden
				if (r.left < box.left || r.right > box.right) out.push((el.textContent || "bar") + " at " + Math.round(r.left - box.left) + "…" + Math.round(r.right - box.left) + " of " + Math.round(box.width));
			}
			return out;
		})()`, &cut))
		if len(cut) > 0 {
			t.Fatalf("cut off at the chart's edges (phone %v): %v", phone, cut)
		}
		// In the SVG's own units: every shown label lies wholly inside the
		// viewBox, touches neither the axis line nor a bar, nor another
		// label.
		var clash []string
		staff.run(chromedp.Evaluate(`(() => {
			const svg = document.querySelector("[data-testid=payments-chart]"), vb = svg.viewBox.baseVal, out = [];
			const box = el => { const b = el.getBBox(); return {l: b.x, r: b.x + b.width, t: b.y, b: b.y + b.height}; };
			const meet = (a, b) => a.l < b.r && b.l < a.r && a.t < b.b && b.t < a.b;
			const labels = [...svg.querySelectorAll("text.chart-label")].filter(l => l.getBoundingClientRect().width > 0);
			const axis = svg.querySelector(".chart-axis"), ay = axis.y1.baseVal.value;
			const axisBox = {l: axis.x1.baseVal.value, r: axis.x2.baseVal.value, t: ay - 0.5, b: ay + 0.5};
			const bars = [...svg.querySelectorAll("[data-testid=chart-bar] rect")].map(box).filter(b => b.b > b.t);
			labels.forEach((l, i) => {
				const b = box(l), name = "«" + l.textContent + "»";
				if (b.l < vb.x || b.t < vb.y || b.r > vb.x + vb.width || b.b > vb.y + vb.height)
					out.push(name + " out of the viewBox: " + [b.l, b.t, b.r, b.b].map(Math.round).join(","));
				if (meet(b, axisBox)) out.push(name + " on the axis");
				if (bars.some(r => meet(b, r))) out.push(name + " on a bar");
				labels.slice(i + 1).forEach(o => { if (meet(b, box(o))) out.push(name + " on «" + o.textContent + "»"); });
			});
			return out;
		})()`, &clash))
		if len(clash) > 0 {
			t.Fatalf("chart labels (phone %v): %v", phone, clash)
		}
		var shown int
		staff.run(chromedp.Evaluate(`[...document.querySelectorAll("text.chart-label")].filter(l => l.getBoundingClientRect().width > 0).length`, &shown))
		if shown < 5 {
			t.Fatalf("%d labels shown (phone %v)", shown, phone)
		}
	}
}

// At checkout, the words about Antom's card page sit under the button
// that opens it, after the kept card's own button; the box that keeps
// the new card comes before that button, in reading and Tab order, set
// apart from the kept card's by the new card form's rule.
func TestCardPageNoteUnderItsButton(t *testing.T) {
	srv := startServer(t, nil)
	b := newBrowser(t, srv.URL)
	b.asPhone()
	signUp(b, "kept@example.com")
	buy(b, "coffee")
	payOnHostedPage(b, "4242 4242 4242 4242", true)
	b.click("[data-testid=card-pay]", "[data-testid=result]")
	b.waitText("[data-testid=result-status]", "Paid")
	buy(b, "mug")
	for _, phone := range []bool{true, false} {
		if phone {
			b.asPhone()
		} else {
			b.asDesktop()
		}
		b.run(chromedp.ScrollIntoView("[data-testid=card-section]", chromedp.ByQuery))
		b.screenshot()
		var order string
		b.run(chromedp.Evaluate(`(() => {
			const y = sel => document.querySelector(sel).getBoundingClientRect().top;
			const rule = document.querySelector("[data-testid=card-form]"), kept = document.querySelector("[data-testid^=pay-card-]");
			return [kept.getBoundingClientRect().bottom <= rule.getBoundingClientRect().top && getComputedStyle(rule).borderTopStyle === "solid",
				y("[data-testid=keep-card]") < y("[data-testid=pay-card]"), y("[data-testid=pay-card]") < y("[data-testid=card-page-note]")].join(" ");
		})()`, &order))
		if order != "true true true" {
			t.Fatalf("kept card, rule, keep box, new card button, its note: %q, want the kept card above the new card's form's rule, then its keep box, its button and the note (phone %v)", order, phone)
		}
		b.noSidewaysScroll()
	}
}

// The dashboard's open problems read well at both sizes: their card is
// as wide as the page's content (not a quarter column beside the
// tiles), on a desktop the list runs in two columns, and no line of it
// is cut or scrolls sideways.
func TestDashboardProblemsReadWell(t *testing.T) {
	srv := startServer(t, map[string]string{"ADMIN_PASSWORD": adminPassword})
	staff := newBrowser(t, srv.URL)
	staffSignIn(staff, srv)
	for _, phone := range []bool{false, true} {
		if phone {
			staff.asPhone()
		} else {
			staff.asDesktop()
		}
		staff.visit("/admin")
		staff.run(chromedp.ScrollIntoView("[data-testid=problems]", chromedp.ByQuery))
		staff.screenshot()
		staff.noSidewaysScroll()
		var got struct {
			Width, Chart float64
			Columns      int
			Cut          []string
			Apart        float64
		}
		staff.run(chromedp.Evaluate(`(() => {
			const w = sel => document.querySelector(sel).getBoundingClientRect().width;
			const items = [...document.querySelectorAll("[data-testid=problems] li")];
			const lefts = new Set(items.map(li => Math.round(li.getBoundingClientRect().left)));
			const cut = items.filter(li => li.scrollWidth > li.clientWidth + 1).map(li => li.textContent.trim());
			// The card pages (no problem) stand apart from the problems.
			const apart = document.querySelector("[data-testid=card-pages-open]").getBoundingClientRect().top -
				Math.max(...items.slice(0, -1).filter(li => !li.closest(".no-problems")).map(li => li.getBoundingClientRect().bottom));
			return {Width: w("[data-testid=problems]"), Chart: w("[aria-labelledby=chart-title]"), Columns: lefts.size, Cut: cut, Apart: apart};
		})()`, &got))
		if got.Width < got.Chart-1 {
			t.Fatalf("open problems are %.0f px wide, the chart's card %.0f (phone %v)", got.Width, got.Chart, phone)
		}
		if want := map[bool]int{false: 2, true: 1}[phone]; got.Columns != want {
			t.Fatalf("open problems in %d columns, want %d (phone %v)", got.Columns, want, phone)
		}
		if len(got.Cut) > 0 {
			t.Fatalf("cut off (phone %v): %v", phone, got.Cut)
		}
		if got.Apart < 16 {
			t.Fatalf("the card pages are %.1f px below the problems, want at least 16 (phone %v)", got.Apart, phone)
		}
	}
}
