package e2e

import (
	"testing"

	"github.com/chromedp/chromedp"
)

// A staff order page left open shows what another staff member does to
// the order without a reload; while a form on it is being filled in, it
// keeps the page and what was typed, and says the order changed instead.
func TestStaffOrderPageStaysLive(t *testing.T) {
	_, _, staff, ref := paidWithStaff(t, "live.page@example.com")
	staff.waitText("[data-testid=order-status]", "paid")
	colleague := staff.tab()
	colleague.visit("/admin/orders/" + ref)

	// Nobody typing: the page takes the news.
	refundFive(colleague, "[data-testid=flash]")
	staff.waitText("[data-testid=order-status]", "partially refunded")
	staff.waitText("[data-testid=order-refunded]", "$5.00")
	var hidden bool
	staff.run(chromedp.Evaluate(`document.querySelector("[data-testid=order-changed]").hidden`, &hidden))
	if !hidden {
		t.Fatal("the order-changed bar shows on a page that took the news")
	}

	// Typing a refund amount: the page stays as it is, the amount too,
	// and the bar says the order changed.
	staff.run(chromedp.SendKeys("[data-testid=refund-amount]", "3.00", chromedp.ByQuery))
	colleague.visit("/admin/orders/" + ref)
	refundFive(colleague, "[data-testid=flash]")
	staff.run(chromedp.WaitVisible("[data-testid=order-changed]", chromedp.ByQuery))
	staff.waitText("[data-testid=order-changed]", "This order changed since this page was shown")
	var typed string
	staff.run(chromedp.Value("[data-testid=refund-amount]", &typed, chromedp.ByQuery))
	if typed != "3.00" {
		t.Fatalf("the refund amount being typed is now %q", typed)
	}
	if got := staff.text("[data-testid=order-refunded]"); got != "$5.00" {
		t.Fatalf("the page changed under the form: refunded %q", got)
	}
	staff.click("[data-testid=order-changed-reload]", "[data-testid=order-live]")
	staff.waitText("[data-testid=order-refunded]", "$10.00")

	// A page telling of its staff member's own refund takes later news
	// and keeps that notice, which stays true (only a notice that
	// something is not confirmed yet goes with the page it spoke of).
	refundFive(staff, "[data-testid=flash]")
	colleague.waitText("[data-testid=order-refunded]", "$15.00")
	colleague.waitText("[data-testid=flash]", "Refunded $5.00")
}

// A staff order page that answers a refund form sent back with its error
// (more than may be refunded: 422) keeps the error and the amount typed
// when the order changes meanwhile — a redraw would take the error away
// and leave staff unaware their refund was not made — and says the
// order changed.
func TestStaffOrderPageKeepsAFormSentBackWithItsError(t *testing.T) {
	_, _, staff, ref := paidWithStaff(t, "held.page@example.com")
	colleague := staff.tab()
	colleague.visit("/admin/orders/" + ref)

	staff.run(chromedp.SetValue("[data-testid=refund-amount]", "9999.00", chromedp.ByQuery))
	staff.click("[data-testid=refund-submit]", "[data-testid=amount-error]")
	refused := staff.text("[data-testid=amount-error]")
	refundFive(colleague, "[data-testid=flash]")
	staff.run(chromedp.WaitVisible("[data-testid=order-changed]", chromedp.ByQuery))
	if got := staff.text("[data-testid=amount-error]"); got != refused || refused == "" {
		t.Fatalf("the form's error is now %q, was %q", got, refused)
	}
	var typed string
	staff.run(chromedp.Value("[data-testid=refund-amount]", &typed, chromedp.ByQuery))
	if typed != "9999.00" {
		t.Fatalf("the amount sent back is now %q", typed)
	}
	staff.click("[data-testid=order-changed-reload]", "[data-testid=order-live]")
	staff.waitText("[data-testid=order-refunded]", "$5.00")
}

// A staff order page that takes news while a link of its body has the
// keyboard's focus gives the focus back to that link in the new body: a
// keyboard or screen-reader user is not thrown to the top of the page.
func TestStaffOrderPageKeepsTheFocusThroughANewsRedraw(t *testing.T) {
	_, _, staff, ref := paidWithStaff(t, "live.focus@example.com")
	staff.waitText("[data-testid=order-status]", "paid")
	const back = `[data-testid=order-live] a[href="/admin/orders"]`
	staff.run(chromedp.Focus(back, chromedp.ByQuery))
	colleague := staff.tab()
	colleague.visit("/admin/orders/" + ref)
	refundFive(colleague, "[data-testid=flash]")
	staff.waitText("[data-testid=order-refunded]", "$5.00")
	var same bool
	staff.run(chromedp.Evaluate(`document.activeElement === document.querySelector('`+back+`')`, &same))
	if !same {
		var at string
		staff.run(chromedp.Evaluate(`document.activeElement.outerHTML.slice(0, 120)`, &at))
		t.Fatalf("after the redraw the focus is on %s, want the ← Orders link it was on", at)
	}
}
