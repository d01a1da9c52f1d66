package e2e

import (
	"testing"
	"time"

	"github.com/chromedp/chromedp"
)

// A signed-in buyer's result page left open ("Not finished": the card
// page is waiting) whose buyer signs out in another tab does not go on
// saying the payment is being confirmed, retrying in silence: signing
// out wakes its long-poll, and within moments it says the buyer is
// signed out, that the page no longer updates, and leads to sign in
// again, back to this order. Its forms ("I have paid", "Pay another
// way") are disabled, looking it too: sent, they would be refused. The
// header no longer names the buyer.
func TestResultPageSaysSignedOut(t *testing.T) {
	srv := startServer(t, nil)
	b := newBrowser(t, srv.URL)
	b.viewport(desktopWidth, desktopHeight, false)
	signUp(b, "result.signedout@example.com")
	buy(b, "coffee")
	ref, _ := openCardPage(b)
	b.visit("/orders/" + ref)
	b.waitText("[data-testid=result-status]", "Not finished")
	var enabled bool
	b.run(chromedp.Evaluate(`!document.querySelector("[data-testid=check-again]").disabled`, &enabled))
	if !enabled {
		t.Fatal("\"check again\" is disabled while signed in")
	}

	// Signed in, the card says it updates by itself ("If you finished
	// paying on the card page, this page updates by itself in a moment").
	if live := b.liveWordsShown(); !live {
		t.Fatal("signed in, the result card does not say that it updates by itself")
	}

	other := b.tab() // the same browser: the same session
	other.visit("/")
	other.click("form[action='/signout'] button[type=submit]", "[data-testid=products]")
	signedOutAt := time.Now()
	b.waitSignedOutBar(10 * time.Second)
	t.Logf("the signed-out bar showed %v after the sign-out", time.Since(signedOutAt).Round(10*time.Millisecond))
	b.waitText("[data-testid=signed-out]", "You are signed out — sign in again to see what happens to this order. This page no longer updates.")

	buyer, enabledFields := b.formFields(`p !== "/lang"`)
	if buyer < 3 || enabledFields != 0 {
		t.Fatalf("signed out: %d buyer forms (check again, pay another way, sign out), %d of their fields and buttons still enabled", buyer, enabledFields)
	}
	var looks struct {
		EmailShown bool
		Cursor     string
	}
	b.run(chromedp.Evaluate(`(() => {
		const email = document.querySelector("[data-testid=signed-in-as]");
		return {EmailShown: !!email && email.getClientRects().length > 0,
			Cursor: getComputedStyle(document.querySelector("[data-testid=check-again]")).cursor};
	})()`, &looks))
	if looks.EmailShown || looks.Cursor != "not-allowed" {
		t.Fatalf("signed out: the header still shows the buyer's email (%v), a disabled button's cursor is %q", looks.EmailShown, looks.Cursor)
	}
	// The card below the bar is frozen as it was: dimmed, its spinner
	// gone, and no longer saying that it updates by itself.
	if b.liveWordsShown() {
		var words string
		b.run(chromedp.Evaluate(`document.querySelector("[data-testid=result-live]").innerText`, &words))
		t.Fatalf("signed out, under the bar that says it no longer updates, the card still says it does: %q", words)
	}
	var frozen struct {
		Opacity  string
		Spinners int
	}
	b.run(chromedp.Evaluate(`(() => ({
		Opacity: getComputedStyle(document.querySelector("[data-testid=result-live]")).opacity,
		Spinners: [...document.querySelectorAll(".spinner")].filter(s => s.getClientRects().length > 0).length}))()`, &frozen))
	if frozen.Opacity == "1" || frozen.Spinners != 0 {
		t.Fatalf("signed out: the result card's opacity is %s, %d spinners turn", frozen.Opacity, frozen.Spinners)
	}
	var href string
	var ok bool
	b.run(chromedp.AttributeValue("[data-testid=signed-out] a", "href", &href, &ok, chromedp.ByQuery))
	if want := "/signin?next=%2Forders%2F" + ref; href != want {
		t.Fatalf("the sign-in link goes to %q, want %q", href, want)
	}
}

// liveWordsShown reports whether the result card, as the buyer sees it
// (innerText: what is not hidden), says that the page updates or shows
// the news by itself, in English.
func (b *browser) liveWordsShown() bool {
	b.t.Helper()
	var shown bool
	b.run(chromedp.Evaluate(`/updates by itself|shows (it|the result|the answer) as soon as|takes you there|then lets you/i.test(document.querySelector("[data-testid=result-live]").innerText)`, &shown))
	return shown
}
