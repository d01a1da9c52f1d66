package e2e

import (
	"testing"

	"github.com/chromedp/chromedp"

	"antom-checkout/app"
)

// In Chromium, Capture on an authorized order leads to its confirmation
// — what is captured, of what, from whom — and nothing is captured until
// its Confirm is pressed; Cancel goes back to the order, still
// authorized; Confirm captures, once.
func TestStaffConfirmsACaptureInTheBrowser(t *testing.T) {
	srv := startServer(t, map[string]string{"CAPTURE_MODE": app.CaptureManual, "ADMIN_PASSWORD": adminPassword})
	buyer := newBrowser(t, srv.URL)
	ref := authorizedBy(buyer, "held.card@example.com")

	staff := newBrowser(t, srv.URL)
	staffSignIn(staff, srv)
	staff.visit("/admin/orders/" + ref)
	staff.waitText("[data-testid=capture-amount-help]", "You confirm the amount on the next page.")
	staff.run(chromedp.SetValue("[data-testid=capture-amount]", "1000", chromedp.ByQuery))
	staff.click("[data-testid=capture-submit]", "[data-testid=confirm]")
	staff.waitText("[data-testid=confirm] h1", "Capture ¥1,000 of the ¥5,800 authorized on order "+ref+"?")
	staff.waitText("[data-testid=confirm] .facts", "held.card@example.com")
	staff.waitText("[data-testid=confirm] .facts", "¥4,800 (the rest of the authorization)")

	staff.click("[data-testid=confirm-no]", "[data-testid=order-status]")
	staff.waitText("[data-testid=order-status]", "authorized")

	staff.run(chromedp.SetValue("[data-testid=capture-amount]", "1000", chromedp.ByQuery))
	staff.click("[data-testid=capture-submit]", "[data-testid=confirm]")
	staff.click("[data-testid=confirm-yes]", "[data-testid=flash]")
	staff.waitText("[data-testid=flash]", "Captured: Antom confirmed the capture.")
	staff.waitText("[data-testid=order-status]", "paid")
}
