package e2e

import (
	"testing"

	"github.com/chromedp/chromedp"
)

// A staff order page left open whose session ends (signed out in another
// tab) does not go stale in silence: at its next look for news it says
// that staff are signed out and leads to sign in again, back to this
// order.
func TestStaffOrderPageSaysSignedOut(t *testing.T) {
	srv, _, staff, ref := paidWithStaff(t, "live.signedout@example.com")
	staff.waitText("[data-testid=order-status]", "paid")
	other := staff.tab() // the same browser: the same session
	other.visit("/admin")
	other.click("[data-testid=staff-signout]", "[data-testid=admin-signin]")

	// A colleague's refund is news: the page's look for it after that
	// finds the session gone.
	colleague := newBrowser(t, srv.URL)
	staffSignIn(colleague, srv)
	colleague.visit("/admin/orders/" + ref)
	refundFive(colleague, "[data-testid=flash]")
	staff.run(chromedp.WaitVisible("[data-testid=signed-out]", chromedp.ByQuery))
	staff.waitText("[data-testid=signed-out]", "You are signed out — sign in again to see changes")
	var href string
	var ok bool
	staff.run(chromedp.AttributeValue("[data-testid=signed-out-signin]", "href", &href, &ok, chromedp.ByQuery))
	if want := "/admin/signin?next=%2Fadmin%2Forders%2F" + ref; href != want {
		t.Fatalf("the sign-in link goes to %q, want %q", href, want)
	}
}
