package e2e

import (
	"testing"
	"time"

	"github.com/chromedp/chromedp"
)

// A staff order page left open whose session ends (signed out in another
// tab) does not go stale in silence, nor wait for its next look for news
// (up to 25 s): signing out wakes its long-poll, and it says at once that
// staff are signed out and leads to sign in again, back to this order.
// Its forms (the refund's here, every admin form of the page) are
// disabled: sent, they would be refused.
func TestStaffOrderPageSaysSignedOut(t *testing.T) {
	_, _, staff, ref := paidWithStaff(t, "live.signedout@example.com")
	staff.waitText("[data-testid=order-status]", "paid")
	var enabled bool
	staff.run(chromedp.Evaluate(`!document.querySelector("[data-testid=refund-submit]").disabled`, &enabled))
	if !enabled {
		t.Fatal("the refund button is disabled while signed in")
	}
	other := staff.tab() // the same browser: the same session
	other.visit("/admin")
	other.click("[data-testid=staff-signout]", "[data-testid=admin-signin]")

	staff.waitSignedOutBar(15 * time.Second)
	staff.waitText("[data-testid=signed-out]", "You are signed out — sign in again to see changes")
	admin, enabledFields := staff.formFields(`p.startsWith("/admin/")`)
	if admin < 2 || enabledFields != 0 {
		t.Fatalf("signed out: %d admin forms (the refund's and the sign-out), %d of their fields and buttons still enabled", admin, enabledFields)
	}
	staff.run(chromedp.Evaluate(`!document.querySelector("[data-testid=refund-submit]").disabled`, &enabled))
	if enabled {
		t.Fatal("the refund button is still enabled beside the signed-out bar")
	}
	// The page is marked signed out, so that its sentences saying it shows
	// the outcome by itself (.live-words, views' captureForms) are hidden.
	var marked bool
	staff.run(chromedp.Evaluate(`document.documentElement.classList.contains("signed-out")`, &marked))
	if !marked {
		t.Fatal("signed out: the page is not marked signed-out, so its live words would still say it shows the outcome")
	}
	// The header no longer names the staff member as signed in, and a
	// disabled link-like button (Ask Antom, Sign out) does not look pressable.
	var looks struct {
		EmailShown bool
		Cursor     string
	}
	staff.run(chromedp.Evaluate(`(() => {
		const email = document.querySelector("[data-testid=staff-email]");
		const signout = document.querySelector("[data-testid=staff-signout]");
		return {EmailShown: !!email && email.getClientRects().length > 0, Cursor: getComputedStyle(signout).cursor};
	})()`, &looks))
	if looks.EmailShown || looks.Cursor == "pointer" {
		t.Fatalf("signed out: the header still shows the staff email (%v), a disabled link-button's cursor is %q", looks.EmailShown, looks.Cursor)
	}
	var href string
	var ok bool
	staff.run(chromedp.AttributeValue("[data-testid=signed-out-signin]", "href", &href, &ok, chromedp.ByQuery))
	if want := "/admin/signin?next=%2Fadmin%2Forders%2F" + ref; href != want {
		t.Fatalf("the sign-in link goes to %q, want %q", href, want)
	}
}
