package e2e

import (
	"testing"

	"github.com/chromedp/chromedp"
)

// An account's owner opening their order's checkout in another browser
// (signed out) is asked to sign in, reads why, and once signed in is back
// on that checkout — not on a dead-end "Not found".
func TestSignedOutOwnerSignsInBackToCheckout(t *testing.T) {
	srv := startServer(t, nil)
	owner := newBrowser(t, srv.URL)
	signUp(owner, "checkout-owner@example.com")
	buy(owner, "coffee")
	ref := owner.text("[data-testid=order-ref]")
	var checkoutPath string
	owner.run(chromedp.Evaluate(`location.pathname`, &checkoutPath))

	other := newBrowser(t, srv.URL)
	other.visit(checkoutPath)
	other.waitText("[data-testid=signin-lead]", "Sign in to see this order.")
	other.run(
		chromedp.SendKeys("#email", "checkout-owner@example.com", chromedp.ByQuery),
		chromedp.SendKeys("#password", "correct horse battery", chromedp.ByQuery),
	)
	other.click("[data-testid=signin-form] button[type=submit]", "[data-testid=checkout]")
	other.waitText("[data-testid=order-ref]", ref)
	var at string
	other.run(chromedp.Evaluate(`location.pathname`, &at))
	if at != checkoutPath {
		t.Fatalf("signed in, landed on %s, want %s", at, checkoutPath)
	}
}
