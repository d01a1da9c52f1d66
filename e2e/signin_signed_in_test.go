package e2e

import (
	"fmt"
	"testing"

	"github.com/chromedp/cdproto/network"
	"github.com/chromedp/chromedp"

	"antom-checkout/lang"
)

// A signed-in buyer who opens the sign-in page on a 320 px phone sees,
// in every language, that they are signed in and as whom — a long email
// too — with My orders, My wallets and Sign out inside the box; the
// buttons lead there, and signing out leaves the bare sign-in form.
func TestSignInPageTellsTheSignedInBuyer(t *testing.T) {
	srv := startServer(t, nil)
	b := newBrowser(t, srv.URL)
	const email = "a.rather.long.buyer.name@example-shop-customers.com"
	signUp(b, email)
	b.viewport(320, 640, true)
	for _, l := range lang.Languages {
		b.run(network.Enable(), network.SetExtraHTTPHeaders(network.Headers{"Accept-Language": l.Code}))
		b.visit("/signin")
		b.waitText("[data-testid=signed-in-words]", email)
		b.fits(l.Code+": the signed-in box", "[data-testid=signed-in]", "main")
	}
	b.run(network.SetExtraHTTPHeaders(network.Headers{"Accept-Language": "en"}))
	b.visit("/signin")
	b.waitText("[data-testid=signed-in-words]", "You are signed in as "+email+".")
	b.lookHere()
	b.click("[data-testid=signed-in-wallets]", "[data-testid=link-form]")
	b.visit("/signup")
	b.click("[data-testid=signed-in-orders]", "[data-testid=nav-orders][aria-current=page]")
	b.visit("/signin")
	b.click("[data-testid=signed-in-signout]", `nav a[href="/signin"]`)
	b.visit("/signin")
	var shown bool
	b.run(chromedp.Evaluate(`document.querySelector("[data-testid=signed-in]") !== null`, &shown))
	if shown {
		t.Error("the sign-in page still says the buyer is signed in after signing out")
	}
}

// A short email that fits a 320 px phone's line reads whole in the
// signed-in box, in every language, as the header keeps it — never
// broken at its dot or before its "@" — and the box stands apart from
// the form card under it, on a phone and on a desktop. Korean's box holds
// the particle written on the email too ("(으)로", which must not begin a
// line: TestSignedInKoreanParticleStaysWithTheEmail): on a phone, with
// it, the box may break between the email's name and its "@domain".
func TestSignedInBoxKeepsAShortEmailWholeAndApart(t *testing.T) {
	srv := startServer(t, nil)
	b := newBrowser(t, srv.URL)
	const email = "ann.trial@example.com"
	signUp(b, email)
	for _, width := range []int64{320, 1280} {
		b.viewport(width, 800, width < 400)
		for _, l := range lang.Languages {
			b.run(network.Enable(), network.SetExtraHTTPHeaders(network.Headers{"Accept-Language": l.Code}))
			for _, page := range []string{"signin", "signup"} {
				what := fmt.Sprintf("%s, %d px, /%s", l.Code, width, page)
				b.visit("/" + page)
				b.waitText("[data-testid=signed-in-words]", email)
				if n := b.lineCounts("[data-testid=signed-in-words] .whole"); len(n) != 1 || n[0] != 1 && (l.Code != "ko" || width > 400 || n[0] != 2) {
					t.Fatalf("%s: the email reads on %v lines, want 1", what, n)
				}
				b.apart("[data-testid=signed-in]", "[data-testid="+page+"-form]", "top", 12)
				b.screenshot()
			}
		}
	}
}

// Korean's particle written on the email ("(으)로") stays with it, inside
// its box: an email of an ordinary length left it to begin a line of its
// own at 320 px (trial).
func TestSignedInKoreanParticleStaysWithTheEmail(t *testing.T) {
	srv := startServer(t, nil)
	b := newBrowser(t, srv.URL)
	const email = "minjun.kim@example.com"
	signUp(b, email)
	b.viewport(320, 800, true)
	b.run(network.Enable(), network.SetExtraHTTPHeaders(network.Headers{"Accept-Language": "ko"}))
	b.visit("/signin")
	b.waitText("[data-testid=signed-in-words]", email)
	if got := b.text("[data-testid=signed-in-words] .whole"); got != email+"(으)로" {
		t.Errorf("the email's box holds %q, want %q", got, email+"(으)로")
	}
	// On the line of the email's last letter, whichever line that is.
	var same bool
	b.run(chromedp.Evaluate(`(() => {
		const box = document.querySelector('[data-testid=signed-in-words] .whole');
		const text = box.textContent, at = text.lastIndexOf('(');
		const walker = document.createTreeWalker(box, NodeFilter.SHOW_TEXT);
		let seen = 0, before, particle;
		for (let n = walker.nextNode(); n; n = walker.nextNode()) {
			const len = n.textContent.length;
			if (!before && seen + len >= at) {
				const r = document.createRange(); r.setStart(n, at - seen - 1); r.setEnd(n, at - seen);
				before = r.getClientRects()[0];
			}
			if (seen + len > at) {
				const r = document.createRange(); r.setStart(n, at - seen); r.setEnd(n, len);
				particle = r.getClientRects()[0];
			}
			seen += len;
		}
		return !!before && !!particle && Math.abs(before.top - particle.top) < 2;
	})()`, &same))
	if !same {
		t.Errorf("the particle is not on the line of the email's last letter")
	}
}
