package e2e

import (
	"errors"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"

	"antom-checkout/antom"
	"antom-checkout/checkout"
)

// A buyer whose card page is the order's last payment attempt
// (checkout.AttemptsPerOrder) and who leaves it is not offered "Pay
// another way" — it would cancel the one payment the order may still
// have — but to continue on the card page, which the result page says is
// the way left; continuing there pays the order, and nothing was
// cancelled.
func TestLeftLastCardPageThenContinueThere(t *testing.T) {
	srv := startServer(t, nil)
	b := newBrowser(t, srv.URL)
	b.viewport(desktopWidth, desktopHeight, false)
	signUp(b, "last.page@example.com")
	buy(b, "matcha")
	ref := b.text("[data-testid=order-ref]")

	// The attempts before: card pages opened and left, as a buyer going
	// back and forth would leave them.
	ctx := t.Context()
	co := srv.App.Checkout()
	buyer, err := co.SignIn(ctx, "last.page@example.com", "correct horse battery", "192.0.2.1")
	if err != nil {
		t.Fatal(err)
	}
	v := checkout.Viewer{BuyerID: buyer.ID}
	for i := 1; i < checkout.AttemptsPerOrder; i++ {
		if _, err := co.PayByCard(ctx, v, ref, "", false, 0, nil, antom.Env{}); err != nil {
			t.Fatalf("card page %d: %v", i, err)
		}
		if _, err := co.PayAnotherWay(ctx, v, ref); err != nil && !errors.Is(err, checkout.ErrNothingOpen) {
			t.Fatalf("leave card page %d: %v", i, err)
		}
	}
	cancels := srv.App.Sandbox().Calls("payments/cancel")

	b.visit("/checkout/" + ref)
	_, cardPage := openCardPage(b)
	b.click("[data-testid=card-cancel]", "[data-testid=result]")
	b.waitText("[data-testid=result-headline-text]", words(t, "en", "result.head_card_page"))
	b.waitText("[data-testid=result-detail]", "this order can no longer be paid another way")
	if strings.Contains(b.html(), `data-testid="leave-card-page"`) {
		t.Fatal("the last card page's result page offers Pay another way")
	}
	b.click("[data-testid=continue-card-page]", "[data-testid=card-number]")
	var at string
	b.run(chromedp.Location(&at))
	if at != cardPage {
		t.Fatalf("continued on %s, want the same card page %s", at, cardPage)
	}
	fillCard(b, "4242 4242 4242 4242")
	b.click("[data-testid=card-pay]", "[data-testid=result]")
	b.waitText("[data-testid=result-status]", "Paid")
	if n := srv.App.Sandbox().Calls("payments/cancel"); n != cancels {
		t.Fatalf("%d cancels sent after the last card page opened, want none", n-cancels)
	}
}
