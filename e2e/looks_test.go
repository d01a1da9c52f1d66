package e2e

import (
	"testing"

	"github.com/chromedp/chromedp"

	"antom-checkout/antom/sandbox"
)

// Every buyer page, and the admin pages this work touched, at the desktop
// size (1280×800) and the phone size (390×844): none scrolls sideways,
// the shop's contact in the footer and in the notice of a refund settled
// another way included — a long contact without hyphens, which a browser
// cannot break by itself, must still wrap.
// With E2E_SCREENSHOTS each is kept at both sizes to be looked at.
func TestPagesAtBothSizes(t *testing.T) {
	const contact = "customersupportforallordersandrefundsandreturns@shopnamethatisquitelongindeed.example"
	srv := startServer(t, map[string]string{"ADMIN_PASSWORD": adminPassword, "MERCHANT_CONTACT": contact})
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
	b.waitText("[data-testid=result-status]", "Paid")
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

	// Antom refuses that refund; staff settle it another way, and the
	// buyer's order page says so with the shop's contact.
	srv.App.Sandbox().Faults().SetAPI("payments/refund", sandbox.APIFault{NotFoundNext: 1})
	staff.click("[data-testid=confirm-yes]", "[data-testid=refund-failed]")
	staff.run(chromedp.SendKeys("[data-testid=handled-note]", "bank transfer", chromedp.ByQuery))
	staff.click("[data-testid=handled-submit]", "[data-testid=confirm]")
	staff.click("[data-testid=confirm-yes]", "[data-testid=refund-handled]")
	b.atBothSizes("/orders/" + ref)
	b.waitText("[data-testid=refund-handled] [data-testid=contact-link]", contact)
	b.waitText("[data-testid=shop-contact] [data-testid=contact-link]", contact)
	b.lookHere()
}
