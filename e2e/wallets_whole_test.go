package e2e

import (
	"fmt"
	"strings"
	"testing"

	"github.com/chromedp/cdproto/network"
	"github.com/chromedp/chromedp"

	"antom-checkout/lang"
)

// My wallets, on a phone 320 px and 390 px wide, in every language, keeps
// a linked wallet's name and masked account each on one line, as the
// checkout's buttons do: never "Kakao" / "Pay", nor "010-****" / "-5678".
func TestMyWalletsKeepWalletWholeOnAPhone(t *testing.T) {
	srv := startServer(t, nil)
	b := newBrowser(t, srv.URL)
	signUp(b, "mywallets@example.com")
	linkWallet(b, "KAKAOPAY")
	b.visit("/wallets")
	account := strings.TrimSpace(b.text("[data-testid=wallet-login]"))
	if !strings.Contains(account, "-") {
		t.Fatalf("the masked account %q has no hyphen to break at: the test checks nothing", account)
	}
	for _, size := range []int64{320, 390} {
		b.run(chromedp.EmulateViewport(size, 800, chromedp.EmulateMobile, chromedp.EmulateTouch, chromedp.EmulateScale(1)))
		for _, l := range lang.Languages {
			b.run(network.Enable(), network.SetExtraHTTPHeaders(network.Headers{"Accept-Language": l.Code}))
			b.visit("/wallets")
			b.waitText("[data-testid=wallet-login]", account)
			var split []string
			b.run(chromedp.Evaluate(partSplitJS+`("[data-testid=wallet-row] .saved-name", ["Kakao Pay", `+quoteJS(account)+`])`, &split))
			if len(split) > 0 {
				b.screenshot()
				t.Fatalf("%s at %d px: My wallets breaks the wallet: %v", l.Code, size, split)
			}
			var wider []string
			b.run(chromedp.Evaluate(keptWholeJS+`("[data-testid=wallet-row] .saved-name")`, &wider))
			if len(wider) > 0 {
				b.screenshot()
				t.Fatalf("%s at %d px: a kept-whole box is wider than its line: %v", l.Code, size, wider)
			}
			if size == 320 {
				b.fullScreenshot(fmt.Sprint("wallets-", l.Code, "-", size))
				b.noSidewaysScroll()
			}
		}
	}
	b.run(network.SetExtraHTTPHeaders(network.Headers{"Accept-Language": "en"}))
	b.asDesktop()
}
