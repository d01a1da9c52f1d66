package e2e

import (
	"context"
	"os"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"antom-checkout/app"
	"antom-checkout/checkout"
)

// buy orders a product from the storefront and lands on its checkout.
func buy(b *browser, slug string) {
	b.t.Helper()
	b.visit("/")
	b.click("[data-testid=buy-"+slug+"]", "[data-testid=checkout]")
}

// payOnHostedPage starts a new-card payment and fills Antom's hosted card
// page with the given test card.
func payOnHostedPage(b *browser, number string, keep bool) {
	b.t.Helper()
	if keep {
		b.run(chromedp.Click("[data-testid=keep-card]", chromedp.ByQuery))
	}
	b.click("[data-testid=pay-card]", "[data-testid=card-number]")
	fillCard(b, number)
}

// fillCard fills Antom's hosted card page with the given test card.
func fillCard(b *browser, number string) {
	b.t.Helper()
	b.run(
		chromedp.SendKeys("[data-testid=card-number]", number, chromedp.ByQuery),
		chromedp.SendKeys("[data-testid=card-expiry]", "12/34", chromedp.ByQuery),
		chromedp.SendKeys("[data-testid=card-cvc]", "123", chromedp.ByQuery),
		chromedp.SendKeys("[data-testid=card-name]", "Ann Buyer", chromedp.ByQuery),
	)
}

func TestGuestPaysByCard(t *testing.T) {
	srv := startServer(t, nil)
	b := newBrowser(t, srv.URL)
	buy(b, "matcha")
	if strings.Contains(b.html(), "card-number") {
		t.Fatal("our checkout page has a card-number field")
	}
	payOnHostedPage(b, "4242 4242 4242 4242", false)
	var host string
	b.run(chromedp.Evaluate(`location.origin`, &host))
	if host != srv.SandboxURL {
		t.Fatalf("the card form is on %s, not Antom's (sandbox) page", host)
	}
	b.click("[data-testid=card-pay]", "[data-testid=result]")
	b.waitText("[data-testid=result-status]", "Paid")
	b.waitText("[data-testid=paid-method]", "Visa •••• 4242")
}

func TestDeclinedCardShowsReason(t *testing.T) {
	srv := startServer(t, nil)
	b := newBrowser(t, srv.URL)
	declinedCard(b, "4000 0000 0000 0002")
	b.waitText("[data-testid=result-detail]", "declined by a security check")
}

// declinedCard buys a mug and pays for it on the hosted page with a test
// card the sandbox declines (number), and waits for the result page to
// say the payment failed.
func declinedCard(b *browser, number string) {
	b.t.Helper()
	buy(b, "mug")
	payOnHostedPage(b, number, false)
	b.click("[data-testid=card-pay]", "[data-testid=result]")
	b.waitText("[data-testid=result-status]", "Failed")
}

func TestThreeDSecureChallenge(t *testing.T) {
	srv := startServer(t, nil)
	b := newBrowser(t, srv.URL)
	buy(b, "teapot")
	payOnHostedPage(b, "4000 0000 0000 3220", false)
	b.click("[data-testid=card-pay]", "[data-testid=challenge-code]")
	b.run(chromedp.SendKeys("[data-testid=challenge-code]", "111111", chromedp.ByQuery))
	b.click("[data-testid=challenge-submit]", "[data-testid=result]")
	b.waitText("[data-testid=result-status]", "Failed")

	b.click("[data-testid=pay-another-way]", "[data-testid=checkout]")
	payOnHostedPage(b, "4000 0000 0000 3220", false)
	b.click("[data-testid=card-pay]", "[data-testid=challenge-code]")
	b.run(chromedp.SendKeys("[data-testid=challenge-code]", "123456", chromedp.ByQuery))
	b.click("[data-testid=challenge-submit]", "[data-testid=result]")
	b.waitText("[data-testid=result-status]", "Paid")
}

func TestKeptCardPaysAgainInOneClick(t *testing.T) {
	srv := startServer(t, nil)
	b := newBrowser(t, srv.URL)
	keepCardAndBuyAgain(b, "cards@example.com")
	b.click("[data-testid^=pay-card-]", "[data-testid=result]")
	b.waitText("[data-testid=result-status]", "Paid")

	b.visit("/wallets")
	b.waitText("[data-testid=card-label]", "Mastercard •••• 4444")
	b.click("[data-testid=remove-card]", "[data-testid=confirm]")
	b.waitText("[data-testid=confirm-subject]", "Mastercard •••• 4444")
	// The confirmation is a page of its own (Post/Redirect/Get): Reload
	// shows it again, the card still kept.
	b.run(chromedp.Reload())
	b.waitText("[data-testid=confirm-subject]", "Mastercard •••• 4444")
	b.click("[data-testid=confirm-yes]", "[data-testid=flash]")
	b.waitText("[data-testid=flash]", "Card removed.")
	// Back to it: nothing left to remove, and nothing to confirm.
	// (b.back waits for another address: this one is /wallets again.)
	b.run(chromedp.Evaluate(`history.back()`, nil))
	b.waitText("[data-testid=note]", "This card is no longer kept, so there is nothing to remove.")
	b.landedWithNotice("/wallets")
	if strings.Contains(b.html(), `data-testid="confirm-yes"`) {
		t.Fatal("Back to the confirmation after the removal still asks to confirm")
	}
}

// With MANUAL capture the buyer's page tells the whole truth at each
// step: authorized (nothing charged yet), charged part of it, a refund on
// its way (the page updates by itself when it lands), partially refunded.
// The page left open on the authorization updates itself when staff
// capture, and again when staff refund: no reload.
func TestManualCaptureAndRefundAsTheBuyerSeesThem(t *testing.T) {
	srv := startServer(t, map[string]string{"CAPTURE_MODE": app.CaptureManual})
	b := newBrowser(t, srv.URL)
	buy(b, "teapot") // ¥5,800
	ref := b.text("[data-testid=order-ref]")
	payOnHostedPage(b, "4242 4242 4242 4242", false)
	b.click("[data-testid=card-pay]", "[data-testid=result]")
	b.waitText("[data-testid=result-status]", "Authorized")
	b.waitText("[data-testid=result-headline-text]", words(t, "en", "result.head_authorized"))
	b.waitText("[data-testid=paid-method]", "Visa •••• 4242")
	if strings.Contains(b.text("[data-testid=paid-facts]"), "Paid") {
		t.Fatal("an authorization shows a payment time")
	}
	b.lookAt("/orders/" + ref)
	var spinners int
	b.run(chromedp.Evaluate(`document.querySelectorAll("[data-testid=result] .spinner, [data-testid=result-notice]").length`, &spinners))
	if spinners != 0 {
		t.Fatal("an authorization awaiting staff shows the page as waiting")
	}

	ctx := context.Background()
	if err := srv.App.Checkout().Capture(ctx, "staff@example.com", ref, 5000); err != nil {
		t.Fatal(err)
	}
	b.waitText("[data-testid=result-detail]", "Charged ¥5,000 of the ¥5,800 authorized; the rest was released.")
	b.lookAt("/orders/" + ref)

	srv.App.Sandbox().SetRefundDelay(time.Hour) // on its way until the test has seen it so
	if _, _, err := srv.App.Checkout().RefundOrder(ctx, "staff@example.com", ref, checkout.RefundInput{Amount: "1000", Key: "E2EREFUNDKEY00000001"}); err != nil {
		t.Fatal(err)
	}
	b.waitText("[data-testid=refund-on-its-way]", "A refund of ¥1,000 is on its way to you.")
	if err := srv.App.Sandbox().SettleRefunds(ctx); err != nil {
		t.Fatal(err)
	}
	b.waitText("[data-testid=result-status]", "Partially refunded")
	b.waitText("[data-testid=result-detail]", "¥1,000 of the ¥5,000 you paid was refunded to you.")
	b.lookAt("/orders/" + ref)
}

// An authorization nobody captures expires, and every page says so: with
// the sandbox's short-lived test card its authExpiryTime is 2 minutes ×
// SANDBOX_TIME_SCALE (6 s here) after it is made. Once it has passed, the
// reconciler closes the order: the buyer's page, left open, says by
// itself (no reload) that the authorization expired and nothing was
// charged, and staff's page says when it expired
// and offers neither capture nor void. (The pages before it expires —
// authorized, "Capture by" — are handlers' tests: here the 6 s may be
// spent before a loaded machine shows them.)
func TestAuthorizationNobodyCapturedExpires(t *testing.T) {
	srv := startServer(t, map[string]string{"CAPTURE_MODE": app.CaptureManual, "SANDBOX_TIME_SCALE": "0.05", "ADMIN_PASSWORD": adminPassword})
	b := newBrowser(t, srv.URL)
	buy(b, "teapot") // ¥5,800
	ref := b.text("[data-testid=order-ref]")
	payOnHostedPage(b, "4000 0000 0000 0077", false)
	b.click("[data-testid=card-pay]", "[data-testid=result]")

	deadline := time.Now().Add(90 * time.Second)
	for !strings.Contains(b.text("[data-testid=result-status]"), "Hold expired") {
		if time.Now().After(deadline) {
			t.Fatalf("the buyer's page still says %q", b.text("[data-testid=result-status]"))
		}
		time.Sleep(100 * time.Millisecond) // the page updates itself: no reload
	}
	b.waitText("[data-testid=result-headline-text]", words(t, "en", "result.head_expired"))
	b.waitText("[data-testid=result-detail]", "The shop did not take the ¥5,800 your card authorized before the authorization expired.")
	if strings.Contains(b.text("[data-testid=paid-facts]"), "Charged") {
		t.Fatal("an expired authorization shows a charge")
	}
	b.lookAt("/orders/" + ref)

	staff := newBrowser(t, srv.URL)
	staffSignIn(staff, srv)
	staff.visit("/admin/orders/" + ref)
	staff.waitText("[data-testid=order-status]", "authorization expired")
	staff.waitText("[data-testid=order-auth-expired]", "(never captured: nothing was charged)")
	var forms int
	staff.run(chromedp.Evaluate(`document.querySelectorAll("[data-testid=capture-form], [data-testid=void-form]").length`, &forms))
	if forms != 0 {
		t.Fatalf("%d capture or void forms on an expired authorization", forms)
	}
}

// lookAt shows a page at the desktop and the phone size when screenshots
// are kept (E2E_SCREENSHOTS), and leaves the tab at the desktop size.
func (b *browser) lookAt(path string) {
	b.t.Helper()
	if os.Getenv("E2E_SCREENSHOTS") == "" {
		return
	}
	b.viewport(phoneWidth, phoneHeight, true)
	b.visit(path)
	b.viewport(desktopWidth, desktopHeight, false)
	b.visit(path)
}
