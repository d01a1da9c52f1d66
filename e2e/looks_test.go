package e2e

import (
	"testing"

	"github.com/chromedp/chromedp"
)

// Every buyer page, and the admin pages this work touched, at the desktop
// size (1280×800) and the phone size (390×844): none scrolls sideways,
// the shop's contact in the footer included.
// With E2E_SCREENSHOTS each is kept at both sizes to be looked at.
func TestPagesAtBothSizes(t *testing.T) {
	srv := startServer(t, map[string]string{"ADMIN_PASSWORD": adminPassword, "MERCHANT_CONTACT": "customer-care.team@kopi-and-co.example"})
	b := newBrowser(t, srv.URL)
	for _, path := range []string{"/", "/signin", "/signup", "/orders", "/no/such/page"} {
		b.atBothSizes(path)
	}
	// A form sent back with its errors.
	b.visit("/signin")
	b.click("[data-testid=signin-form] button[type=submit]", "[data-testid=password-error]")
	b.lookHere()
	b.visit("/")
	b.run(chromedp.SendKeys("[data-testid=test-amount]", "12.345", chromedp.ByQuery))
	b.click("[data-testid=test-buy]", "[data-testid=test-error]")
	b.lookHere()

	signUp(b, "looks@example.com")
	linkWallet(b, "KAKAOPAY")
	buy(b, "matcha")
	ref := b.text("[data-testid=order-ref]")
	b.atBothSizes("/checkout/" + ref)
	b.click("[data-testid^=pay-wallet-]", "[data-testid=result]")
	b.waitText("[data-testid=result-status]", "paid")
	for _, path := range []string{"/orders/" + ref, "/orders", "/wallets"} {
		b.atBothSizes(path)
	}
	startLinking(b, "TRUEMONEY")
	b.lookHere()

	staff := newBrowser(t, srv.URL)
	staffSignIn(staff, srv)
	for _, path := range []string{"/admin", "/admin/orders", "/admin/orders?status=unpaid", "/admin/orders/" + ref, "/admin/notifications"} {
		staff.atBothSizes(path)
	}
	staff.visit("/admin/orders/" + ref)
	staff.run(chromedp.SendKeys("[data-testid=refund-amount]", "100", chromedp.ByQuery))
	staff.click("[data-testid=refund-submit]", "[data-testid=confirm]")
	staff.lookHere()
}
