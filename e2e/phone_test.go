package e2e

import (
	"strings"
	"testing"
	"time"

	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/chromedp"
)

// phoneUA is an iPhone's Safari: what the app tells a phone by.
const phoneUA = "Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Mobile/15E148 Safari/604.1"

// asPhone makes the tab a 390×844 touch phone with an iPhone's
// User-Agent, for every page it opens from now on.
func (b *browser) asPhone() {
	b.t.Helper()
	b.run(
		emulation.SetUserAgentOverride(phoneUA),
		chromedp.EmulateViewport(390, 844, chromedp.EmulateMobile, chromedp.EmulateTouch, chromedp.EmulateScale(1)),
	)
}

// asDesktop makes the tab a 1280×800 desktop window again.
func (b *browser) asDesktop() {
	b.t.Helper()
	b.run(
		emulation.SetUserAgentOverride("Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0.0.0 Safari/537.36"),
		chromedp.EmulateViewport(1280, 800),
	)
}

// atBothSizes opens path at the desktop size and at the phone size, so
// that E2E_SCREENSHOTS keeps both, and checks at each that the page does
// not scroll sideways. It leaves the tab a desktop.
func (b *browser) atBothSizes(path string) {
	b.t.Helper()
	for _, phone := range []bool{false, true} {
		if phone {
			b.asPhone()
		} else {
			b.asDesktop()
		}
		b.visit(path)
		b.noSidewaysScroll()
	}
	b.asDesktop()
}

// noSidewaysScroll fails the test when the page is wider than the window.
func (b *browser) noSidewaysScroll() {
	b.t.Helper()
	var over int
	b.run(chromedp.Evaluate(`document.documentElement.scrollWidth - document.documentElement.clientWidth`, &over))
	if over > 0 {
		var loc string
		b.run(chromedp.Location(&loc))
		b.t.Fatalf("%s scrolls sideways by %d px", loc, over)
	}
}

// On a phone, linking leads with "Open GCash", which opens the (test)
// wallet on the same phone and comes back linked; a QR code for another
// phone is one tap away, and on the sandbox that QR code and its text
// open the test wallet app.
func TestLinkOnAPhone(t *testing.T) {
	srv := startServer(t, nil)
	b := newBrowser(t, srv.URL)
	b.asPhone()
	signUp(b, "phone@example.com")
	u := walletUser(t, "GCASH")

	b.visit("/wallets")
	b.noSidewaysScroll()
	b.click(`input[name=wallet][value=GCASH]`, "[data-testid=start-link]")
	b.click("[data-testid=start-link]", "[data-testid=link-headline]")
	b.waitText("[data-testid=link-headline]", "Open GCash to link it")
	b.noSidewaysScroll()
	var open string
	b.run(chromedp.AttributeValue("[data-testid=open-wallet]", "href", &open, nil, chromedp.ByQuery))
	if !strings.HasPrefix(open, srv.SandboxURL+"/sandbox/wallet/authorize?code=") {
		t.Fatalf("Open GCash goes to %q, not the test wallet app", open)
	}
	var qrShown bool
	b.run(chromedp.Evaluate(`document.querySelector("[data-testid=qr]") !== null`, &qrShown))
	if qrShown {
		t.Fatal("the phone is shown a QR code to scan with itself")
	}

	// One tap: a QR code for another phone, which on the sandbox is a link
	// to the test wallet app, as is its text.
	b.click("[data-testid=qr-instead]", "[data-testid=qr]")
	b.waitText("[data-testid=link-headline]", "Scan this code with the GCash app")
	var qrHref, textHref string
	b.run(
		chromedp.AttributeValue("[data-testid=qr-link]", "href", &qrHref, nil, chromedp.ByQuery),
		chromedp.AttributeValue("[data-testid=code-value]", "href", &textHref, nil, chromedp.ByQuery),
	)
	if code := b.text("[data-testid=code-value]"); qrHref != code || textHref != code || !strings.HasPrefix(code, srv.SandboxURL+"/sandbox/wallet/") {
		t.Fatalf("QR link %q and text link %q, want the code value %q", qrHref, textHref, code)
	}
	b.noSidewaysScroll()

	// And back: open the wallet on this phone.
	b.click("[data-testid=open-on-phone]", "[data-testid=open-wallet]")
	b.click("[data-testid=open-wallet]", "[data-testid=wallet-login]")
	b.noSidewaysScroll()
	b.run(
		chromedp.SendKeys("[data-testid=wallet-login]", u.Login, chromedp.ByQuery),
		chromedp.SendKeys("[data-testid=wallet-password]", u.Password, chromedp.ByQuery),
	)
	b.click("[data-testid=wallet-signin]", "[data-testid=wallet-agree]")
	b.waitText("[data-testid=wallet-merchant]", "Demo shop")
	b.noSidewaysScroll()
	// Agreeing brings the phone back to the shop's link page, which says
	// linked once the wallet's confirmation came, then on to My wallets.
	b.click("[data-testid=wallet-agree]", "[data-testid=link]")
	b.waitText("[data-testid=link-headline]", "Linked: "+u.UserLoginID)
	b.noSidewaysScroll()
	var linkPage string
	b.run(chromedp.Location(&linkPage))
	b.waitPath("/wallets")
	b.waitText("[data-testid=wallet-login]", u.UserLoginID)
	// My wallets says it too: the buyer back from the wallet app may not
	// have seen the link page say it before it moved on.
	b.waitText("[data-testid=flash]", "Linked: GCash "+u.UserLoginID+" is ready for one-click payments.")
	b.noSidewaysScroll()

	// The link page loaded when the wallet is already linked goes back by
	// itself too, and says so while it does; its Continue link goes there.
	b.visit(strings.TrimPrefix(linkPage, srv.URL))
	var continueTo string
	b.run(chromedp.AttributeValue("[data-testid=continue]", "href", &continueTo, nil, chromedp.ByQuery))
	if !strings.HasPrefix(linkPage, srv.URL+"/wallets/link/") || continueTo != strings.TrimPrefix(linkPage, srv.URL)+"/continue" {
		t.Fatalf("Continue on a linked page goes to %q", continueTo)
	}
	b.waitPath("/wallets")
}

// waitPath waits, with a deadline, until the tab is at path of the app,
// reached by itself (a script's redirect).
func (b *browser) waitPath(path string) {
	b.t.Helper()
	deadline := time.Now().Add(15 * time.Second)
	var loc string
	for time.Now().Before(deadline) {
		if err := chromedp.Run(b.ctx, chromedp.Location(&loc)); err == nil && loc == b.base+path {
			b.screenshot()
			return
		}
		time.Sleep(50 * time.Millisecond)
	}
	b.t.Fatalf("still at %s, not %s", loc, path)
}

// lookHere shows the tab's page as it is (one reached by a POST, such as
// a confirmation) at the desktop and the phone width, for
// E2E_SCREENSHOTS, checking that it never scrolls sideways. It leaves the
// tab a desktop.
func (b *browser) lookHere() {
	b.t.Helper()
	for _, width := range []int64{1280, 390} {
		if width == 390 {
			b.run(chromedp.EmulateViewport(390, 844, chromedp.EmulateMobile, chromedp.EmulateTouch, chromedp.EmulateScale(1)))
		} else {
			b.run(chromedp.EmulateViewport(1280, 800))
		}
		b.screenshot()
		b.noSidewaysScroll()
	}
	b.run(chromedp.EmulateViewport(1280, 800))
}
