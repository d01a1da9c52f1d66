package e2e

import (
	"testing"
	"time"

	"github.com/chromedp/chromedp"
)

// signInAs signs a buyer in again on the sign-in page, with signUp's
// password.
func signInAs(b *browser, email string) {
	b.t.Helper()
	b.visit("/signin")
	b.run(
		chromedp.SendKeys("#email", email, chromedp.ByQuery),
		chromedp.SendKeys("#password", "correct horse battery", chromedp.ByQuery),
	)
	b.click("[data-testid=signin-form] button[type=submit]", "[data-testid=signed-in-as]")
	b.waitText("[data-testid=signed-in-as]", email)
}

// waitSignedInAgain waits (within) for the page's signed-out bar to go
// and its buyer forms to be enabled again, failing with what stayed.
func (b *browser) waitSignedInAgain(what string, within time.Duration) {
	b.t.Helper()
	// The page loads itself again meanwhile: a look made as it goes is
	// lost, and the next one asks the page that came.
	const back = `(() => {
		const bar = document.querySelector("[data-testid=signed-out]");
		return document.readyState === "complete" && !!bar && bar.hidden && !document.documentElement.classList.contains("signed-out");
	})()`
	for deadline := time.Now().Add(within); ; {
		var ok bool
		if err := chromedp.Run(b.ctx, chromedp.Evaluate(back, &ok)); err == nil && ok {
			break
		}
		if time.Now().After(deadline) {
			b.t.Fatalf("%s: signed in again in another tab, the signed-out bar stays after %v", what, within)
		}
		time.Sleep(100 * time.Millisecond)
	}
	if forms, enabled := b.formFields(`p !== "/lang"`); forms == 0 || enabled == 0 {
		b.t.Fatalf("%s: signed in again, %d buyer forms, %d fields and buttons enabled", what, forms, enabled)
	}
}

// A signed-in buyer's checkout, result and Scan to Link pages, left open
// while the buyer signs out in another tab (the bar says so, the forms
// are disabled), come back once the same buyer signs in again there: the
// bar goes and the forms can be used, with no reload by the buyer. The
// bar stayed, and the forms disabled, until the page was reloaded.
func TestSignedOutPagesComeBackOnSignIn(t *testing.T) {
	srv := startServer(t, nil)
	b := newBrowser(t, srv.URL)
	b.viewport(desktopWidth, desktopHeight, false)
	const email = "comes.back@example.com"
	signUp(b, email)
	buy(b, "coffee")
	ref := b.text("[data-testid=order-ref]")
	other := b.tab() // the same browser: the same session
	for _, page := range []struct{ what, open, ready string }{
		{"checkout", "/checkout/" + ref, "[data-testid=checkout-session]"},
		{"result", "", "[data-testid=result-live]"},
		{"Scan to Link", "", "[data-testid=link-headline]"},
	} {
		switch page.what {
		case "result":
			openCardPage(b)
			b.visit("/orders/" + ref)
		case "Scan to Link":
			startLinking(b, "TRUEMONEY")
		default:
			b.visit(page.open)
		}
		b.run(chromedp.WaitReady(page.ready, chromedp.ByQuery))
		other.visit("/")
		other.click("form[action='/signout'] button[type=submit]", "[data-testid=products]")
		b.waitSignedOutBar(10 * time.Second)
		if _, enabled := b.formFields(`p !== "/lang"`); enabled != 0 {
			t.Fatalf("%s: signed out, %d fields and buttons still enabled", page.what, enabled)
		}
		signInAs(other, email)
		b.waitSignedInAgain(page.what, 10*time.Second)
		b.waitText("[data-testid=signed-in-as]", email)
	}
}
