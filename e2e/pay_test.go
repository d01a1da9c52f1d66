package e2e

import (
	"context"
	"slices"
	"testing"

	"github.com/chromedp/cdproto/network"
	"github.com/chromedp/chromedp"

	"antom-checkout/antom/sandbox"
)

// lowUser returns the sandbox user of a wallet who has almost no money.
func lowUser(t *testing.T, wallet string) sandbox.TestUser {
	t.Helper()
	for _, u := range sandbox.TestUsers() {
		if u.Wallet == wallet && u.Balances["USD"] < 1000 {
			return u
		}
	}
	t.Fatalf("no low-balance user for %s", wallet)
	return sandbox.TestUser{}
}

// linkFromCheckout links a wallet from the checkout page's "Link another
// wallet" and comes back to the checkout.
func linkFromCheckout(b *browser, u sandbox.TestUser) {
	b.t.Helper()
	b.run(chromedp.Click(`[data-testid=link-wallet-form] input[value=`+u.Wallet+`]`, chromedp.ByQuery))
	b.click("[data-testid=link-another]", "[data-testid=code-value]")
	code := b.text("[data-testid=code-value]")
	agreeInWallet(b.tab(), code, u)
	b.waitText("[data-testid=checkout]", "Pay with")
}

// paidCoffee buys a coffee, links u's wallet from the checkout page and
// pays with it in one click, up to the result page saying Paid.
func paidCoffee(b *browser, u sandbox.TestUser) {
	b.t.Helper()
	buy(b, "coffee")
	linkFromCheckout(b, u)
	b.click("[data-testid^=pay-wallet-]", "[data-testid=result]")
	b.waitText("[data-testid=result-status]", "Paid")
}

func TestOneClickPay(t *testing.T) {
	srv := startServer(t, nil)
	b := newBrowser(t, srv.URL)
	signUp(b, "oneclick@example.com")
	u := walletUser(t, "GCASH")
	before, err := srv.App.Sandbox().Balance(context.Background(), u.Login, "USD")
	if err != nil {
		t.Fatal(err)
	}
	paidCoffee(b, u)
	b.waitText("[data-testid=paid-method]", "GCash "+u.UserLoginID)
	if id := b.text("[data-testid=payment-id]"); len(id) < 16 {
		t.Fatalf("payment id %q", id)
	}
	after, _ := srv.App.Sandbox().Balance(context.Background(), u.Login, "USD")
	if before-after != 1850 {
		t.Fatalf("debited %d, want 1850", before-after)
	}
}

func TestInsufficientBalanceShowsReasonAndMovesNoMoney(t *testing.T) {
	srv := startServer(t, nil)
	b := newBrowser(t, srv.URL)
	signUp(b, "poor@example.com")
	u := lowUser(t, "DANA")
	before, _ := srv.App.Sandbox().Balance(context.Background(), u.Login, "JPY")
	buy(b, "teapot") // ¥5,800 against ¥500
	linkFromCheckout(b, u)
	b.click("[data-testid^=pay-wallet-]", "[data-testid=result]")
	b.waitText("[data-testid=result-status]", "Failed")
	b.waitText("[data-testid=result-detail]", "balance is not enough")
	after, _ := srv.App.Sandbox().Balance(context.Background(), u.Login, "JPY")
	if after != before {
		t.Fatalf("balance moved from %d to %d", before, after)
	}
}

// The cold brew kit's price makes the sandbox answer PAYMENT_IN_PROCESS
// and settle a few seconds later: the result page waits and turns to paid
// without a reload.
func TestProcessingPaymentSettlesWithoutReload(t *testing.T) {
	srv := startServer(t, nil)
	b := newBrowser(t, srv.URL)
	signUp(b, "slow@example.com")
	buy(b, "coldbrew")
	linkFromCheckout(b, walletUser(t, "TNG"))
	b.click("[data-testid^=pay-wallet-]", "[data-testid=result]")
	b.waitText("[data-testid=result-status]", "Processing")
	b.run(chromedp.Evaluate(`document.documentElement.dataset.sameDocument = "yes"`, nil))
	b.waitText("[data-testid=result-status]", "Paid")
	var same string
	b.run(chromedp.Evaluate(`document.documentElement.dataset.sameDocument || ""`, &same))
	if same != "yes" {
		t.Fatal("the result page reloaded instead of updating in place")
	}
}

// A long Payment ID that takes more than one line on a phone shares its
// lines evenly: it left one digit alone on its last line in Chinese at
// 320 px (its lines are here measured as the browser laid them out).
func TestPaymentIDSharesItsLines(t *testing.T) {
	srv := startServer(t, nil)
	b := newBrowser(t, srv.URL)
	signUp(b, "long-id@example.com")
	paidCoffee(b, walletUser(t, "GCASH"))
	var result string
	b.run(chromedp.Location(&result))
	b.viewport(320, 640, true)
	for _, l := range []string{"zh-Hans", "zh-Hant", "en"} {
		b.run(network.Enable(), network.SetExtraHTTPHeaders(network.Headers{"Accept-Language": l}))
		b.run(chromedp.Navigate(result), chromedp.WaitVisible("[data-testid=payment-id]", chromedp.ByQuery))
		var widths []float64
		b.run(chromedp.Evaluate(`(() => {
			const r = document.createRange();
			r.selectNodeContents(document.querySelector('[data-testid=payment-id]'));
			const lines = new Map();
			for (const x of r.getClientRects()) {
				if (x.width > 0) lines.set(Math.round(x.top), (lines.get(Math.round(x.top)) || 0) + x.width);
			}
			return [...lines.values()];
		})()`, &widths))
		if len(widths) < 2 {
			continue // on one line
		}
		if shortest, longest := slices.Min(widths), slices.Max(widths); shortest < longest/2 {
			t.Errorf("%s: the Payment ID's lines are %v px wide: one far shorter than the others", l, widths)
		}
	}
}
