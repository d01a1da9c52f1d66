package e2e

import (
	"regexp"
	"strings"
	"testing"

	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/chromedp"
)

// claimsLive matches the English sentences that say a page updates, shows
// the news or moves on by itself (views' liveSentence).
var claimsLive = regexp.MustCompile(`(?i)updates by itself|shows (it|the result|the answer) as soon as|takes you there|then lets you`)

// Without JavaScript no buyer page claims to update by itself: the
// result page of an unfinished card payment and the Scan to Link page
// waiting for the wallet say only their noscript hint (refresh to see
// the news), never "this page updates by itself" above it. With
// JavaScript (TestResultPageSaysSignedOut) the claim is shown.
func TestNoScriptPagesDoNotClaimToUpdate(t *testing.T) {
	srv := startServer(t, nil)
	b := newBrowser(t, srv.URL)
	b.viewport(desktopWidth, desktopHeight, false)
	signUp(b, "noscript.live@example.com")
	buy(b, "coffee")
	ref, _ := openCardPage(b)
	startLinking(b, "GCASH")
	var link string
	b.run(chromedp.Location(&link))

	nojs := b.tab()
	nojs.run(emulation.SetScriptExecutionDisabled(true))
	for _, page := range []struct{ path, hint string }{
		{"/orders/" + ref, "cannot update by itself without JavaScript"},
		{strings.TrimPrefix(link, srv.URL), "Refresh to see whether your wallet"},
	} {
		nojs.visit(page.path)
		var shown string
		nojs.run(chromedp.Evaluate(`document.querySelector("main").innerText`, &shown))
		if !strings.Contains(shown, page.hint) {
			t.Fatalf("%s without JavaScript: no hint %q in %q", page.path, page.hint, shown)
		}
		if claimsLive.MatchString(shown) {
			t.Errorf("%s without JavaScript says it updates by itself: %q", page.path, shown)
		}
	}
}
