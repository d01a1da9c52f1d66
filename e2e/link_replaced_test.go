package e2e

import (
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"antom-checkout/app"
)

// The trial: on a phone, the buyer opens GCash to link (the first
// attempt) and signs in there; in another tab they ask for a QR code for
// another phone (a second attempt), then agree in GCash to the first
// after all. The wallet brings them back to the first attempt's page,
// which says linked; the second attempt's page, which was showing its QR
// code, turns to linked in place and goes on to My wallets.
func TestAgreeingToAReplacedLinkOnAPhone(t *testing.T) {
	srv := startServer(t, nil)
	b := newBrowser(t, srv.URL)
	b.asPhone()
	signUp(b, "replaced@example.com")
	u := walletUser(t, "GCASH")

	b.visit("/wallets")
	b.click(`input[name=wallet][value=GCASH]`, "[data-testid=start-link]")
	b.click("[data-testid=start-link]", "[data-testid=link-headline]")
	b.waitText("[data-testid=link-headline]", "Open GCash to link it")
	var open, firstPage string
	b.run(
		chromedp.AttributeValue("[data-testid=open-wallet]", "href", &open, nil, chromedp.ByQuery),
		chromedp.Location(&firstPage),
	)

	// The wallet, signed in, waiting for Agree.
	w := b.tab()
	w.asPhone()
	w.open(open)
	w.run(
		chromedp.SendKeys("[data-testid=wallet-login]", u.Login, chromedp.ByQuery),
		chromedp.SendKeys("[data-testid=wallet-password]", u.Password, chromedp.ByQuery),
	)
	w.click("[data-testid=wallet-signin]", "[data-testid=wallet-agree]")

	// Meanwhile: a QR code for another phone.
	b.click("[data-testid=qr-instead]", "[data-testid=qr]")
	b.waitText("[data-testid=link-headline]", "Scan this code with the GCash app")
	var secondPage string
	b.run(chromedp.Location(&secondPage))
	if secondPage == firstPage {
		t.Fatal("no new attempt for the QR code")
	}
	b.run(chromedp.Evaluate(`new MutationObserver(() => {
		const h = document.querySelector("[data-testid=link-headline]").textContent;
		sessionStorage.setItem("headlineSeenInPlace", h);
	}).observe(document.querySelector("[data-testid=link]"), {subtree: true, childList: true, characterData: true})`, nil))

	// Agree to the first after all: back on its page, linked.
	w.click("[data-testid=wallet-agree]", "[data-testid=link]")
	w.waitText("[data-testid=link-headline]", "Linked: "+u.UserLoginID)
	var back string
	w.run(chromedp.Location(&back))
	if !strings.HasPrefix(back, firstPage) {
		t.Fatalf("the wallet came back to %q, not the first attempt's page %q", back, firstPage)
	}

	// The QR code's page turns to linked in place, then goes on.
	b.waitText("[data-testid=wallet-login]", u.UserLoginID)
	var seen string
	b.run(chromedp.Evaluate(`sessionStorage.getItem("headlineSeenInPlace") || ""`, &seen))
	if seen != "Linked: "+u.UserLoginID {
		t.Fatalf("the QR code's page did not turn to Linked in place; it showed %q", seen)
	}
	b.visit(strings.TrimPrefix(secondPage, srv.URL))
	b.waitText("[data-testid=link-headline]", "Linked: "+u.UserLoginID)
}

// A replaced attempt's page, left open, says an agreement to its code
// still links only while that is so: once its time is up it says, in
// place, that the attempt no longer works (a trial's page kept its
// promise after the wallet had refused the expired code).
func TestReplacedLinkPageSaysWhenItsTimeIsUp(t *testing.T) {
	srv := startServer(t, nil, func(c *app.Config) { c.LinkTimeout = 8 * time.Second })
	b := newBrowser(t, srv.URL)
	b.asPhone()
	signUp(b, "replaced-over@example.com")
	b.visit("/wallets")
	b.click(`input[name=wallet][value=GCASH]`, "[data-testid=start-link]")
	b.click("[data-testid=start-link]", "[data-testid=link-headline]")
	b.waitText("[data-testid=link-headline]", "Open GCash to link it")
	var firstPage string
	b.run(chromedp.Location(&firstPage))

	other := b.tab()
	other.asPhone()
	other.open(firstPage)
	other.click("[data-testid=qr-instead]", "[data-testid=qr]")

	b.waitText("[data-testid=link-detail]", "linking still goes ahead")
	b.waitText("[data-testid=link-detail]", "this attempt no longer works")
	var live bool
	b.run(chromedp.Evaluate(`!!document.querySelector("[data-testid=link-detail] .live-words") && document.querySelector("[data-testid=link-detail] .live-words").textContent !== ""`, &live))
	if live {
		t.Error("the page still says it updates by itself")
	}
}
