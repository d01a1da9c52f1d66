package e2e

import (
	"testing"

	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/chromedp"
)

// My orders lists this browser's orders as a guest, newest first, with
// state, amount and date, each linking to its result page, which prints as
// a receipt that names the shop's contact; signing up keeps them.
func TestMyOrders(t *testing.T) {
	srv := startServer(t, map[string]string{"MERCHANT_CONTACT": "help@demo-shop.example"})
	b := newBrowser(t, srv.URL)
	b.asDesktop()

	b.visit("/orders")
	b.waitText("[data-testid=no-orders]", "You have no orders yet.")
	buy(b, "coffee")
	unpaid := b.text("[data-testid=order-ref]")
	buy(b, "matcha")
	paid := b.text("[data-testid=order-ref]")
	payOnHostedPage(b, "4242 4242 4242 4242", false)
	b.click("[data-testid=card-pay]", "[data-testid=result]")
	b.waitText("[data-testid=result-status]", "Paid")

	b.click("[data-testid=nav-orders]", "[data-testid=orders]")
	var rows []string
	b.run(chromedp.Evaluate(`[...document.querySelectorAll("[data-testid=order-row]")].map(r =>
		r.dataset.ref + " " + r.dataset.status + " " + r.querySelector("[data-testid=order-amount]").textContent)`, &rows))
	want := []string{paid + " paid ¥2,400", unpaid + " unpaid $18.50"}
	if len(rows) != 2 || rows[0] != want[0] || rows[1] != want[1] {
		t.Fatalf("My orders rows %q, want %q", rows, want)
	}
	b.waitText("[data-testid=order-row][data-status=paid] [data-testid=order-status]", "Paid")
	b.waitText("[data-testid=guest-orders-hint]", "orders made in this browser")
	b.atBothSizes("/orders")

	// Each row opens its result page, whose receipt prints without the
	// page's navigation and buttons.
	b.click("[data-testid=order-row][data-status=paid]", "[data-testid=result]")
	b.waitText("[data-testid=print-receipt]", "Print receipt")
	b.run(emulation.SetEmulatedMedia().WithMedia("print"))
	var printed map[string]string
	b.run(chromedp.Evaluate(`(() => {
		const shown = sel => { const el = document.querySelector(sel); return !el ? "missing" : el.checkVisibility() ? getComputedStyle(el).display : "none"; };
		return {nav: shown(".site-header .nav"), print: shown("[data-testid=print-receipt]"), langs: shown(".site-footer .lang-switch"),
			contact: shown("[data-testid=shop-contact]"), shop: shown("[data-testid=merchant-name]"), facts: shown("[data-testid=paid-facts]"), summary: shown("[data-testid=order-summary]")};
	})()`, &printed))
	b.screenshot()
	b.run(emulation.SetEmulatedMedia().WithMedia(""))
	for part, display := range map[string]string{"nav": "none", "print": "none", "langs": "none"} {
		if printed[part] != display {
			t.Errorf("printed receipt: %s is %q, want %q", part, printed[part], display)
		}
	}
	for _, part := range []string{"shop", "contact", "facts", "summary"} {
		if d := printed[part]; d == "none" || d == "missing" {
			t.Errorf("printed receipt lacks the %s (%q)", part, d)
		}
	}
	b.atBothSizes("/orders/" + paid)

	// Signing up keeps the guest's orders.
	signUp(b, "orders@example.com")
	b.visit("/orders")
	b.waitText("[data-testid=orders]", paid)
	b.waitText("[data-testid=orders]", unpaid)
}
