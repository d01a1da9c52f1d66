package e2e

import (
	"encoding/json"
	"fmt"
	"math"
	"os"
	"path/filepath"
	"testing"

	"github.com/chromedp/chromedp"
)

// keepSameCardTwice pays for two orders with the same card on the hosted
// page, keeping it each time: the sandbox, as Antom, gives it a new card
// token each time.
func keepSameCardTwice(b *browser, number string) {
	b.t.Helper()
	for _, slug := range []string{"mug", "notebook"} {
		buy(b, slug)
		payOnHostedPage(b, number, true)
		b.click("[data-testid=card-pay]", "[data-testid=result]")
		b.waitText("[data-testid=result-status]", "Paid")
	}
}

// box is an element's place on the page, in CSS pixels.
type box struct {
	ID          string
	Left, Width float64
}

// optionBoxes measures the checkout's ways to pay — each wallet's and
// kept card's button, the new card's, and linking a wallet (its summary
// and its button) — with the content box of the sections they sit in.
func (b *browser) optionBoxes() (options []box, section box) {
	b.t.Helper()
	var raw string
	b.run(chromedp.Evaluate(`(() => {
		const r = e => { const x = e.getBoundingClientRect(); return {ID: e.dataset.testid || e.tagName, Left: x.left, Width: x.width}; };
		const opts = [...document.querySelectorAll("[data-testid^=pay-wallet-], [data-testid^=pay-card], #link-wallet summary, [data-testid=link-another]")]
			.filter(e => e.getClientRects().length > 0).map(r);
		const s = document.querySelector("[data-testid=card-section]"), st = getComputedStyle(s), x = s.getBoundingClientRect();
		const padL = parseFloat(st.paddingLeft) + parseFloat(st.borderLeftWidth), padR = parseFloat(st.paddingRight) + parseFloat(st.borderRightWidth);
		return JSON.stringify({opts, section: {ID: "card-section content", Left: x.left + padL, Width: x.width - padL - padR}});
	})()`, &raw))
	var got struct {
		Opts    []box
		Section box
	}
	if err := json.Unmarshal([]byte(raw), &got); err != nil {
		b.t.Fatal(err)
	}
	return got.Opts, got.Section
}

// fullScreenshot keeps the whole page when E2E_SCREENSHOTS names a folder.
func (b *browser) fullScreenshot(name string) {
	dir := os.Getenv("E2E_SCREENSHOTS")
	if dir == "" {
		return
	}
	b.t.Helper()
	var png []byte
	b.run(chromedp.FullScreenshot(&png, 100)) // 100: PNG
	if err := os.MkdirAll(dir, 0o755); err != nil {
		b.t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, b.t.Name()+"-"+name+".png"), png, 0o644); err != nil {
		b.t.Fatal(err)
	}
}

// On the checkout page every way to pay lines up, at the desktop size
// (1280×800) and the phone's (390×844): each wallet's and kept card's
// button, the new card's, and linking a wallet (its summary and its
// button) span their section's whole width, left edges together — the
// new card's button was narrower than the kept card's above it. The same
// card kept twice is offered once.
func TestCheckoutOptionsLineUp(t *testing.T) {
	srv := startServer(t, nil)
	b := newBrowser(t, srv.URL)
	signUp(b, "sizes@example.com")
	keepSameCardTwice(b, "5555 5555 5555 4444")
	buy(b, "matcha")
	ref := b.text("[data-testid=order-ref]")
	var kept int
	b.run(chromedp.Evaluate(`document.querySelectorAll("[data-testid^=pay-card-]").length`, &kept))
	if kept != 1 {
		t.Fatalf("the same card kept twice is offered %d times", kept)
	}
	check := func(state string) {
		t.Helper()
		for _, phone := range []bool{false, true} {
			size := "desktop"
			if phone {
				size = "phone"
				b.asPhone()
			} else {
				b.asDesktop()
			}
			b.visit("/checkout/" + ref)
			b.run(chromedp.Evaluate(`document.querySelector("#link-wallet").open = true`, nil))
			b.fullScreenshot(state + "-" + size)
			b.noSidewaysScroll()
			opts, section := b.optionBoxes()
			if len(opts) < 4 {
				t.Fatalf("%s, %s: found only %+v", state, size, opts)
			}
			for _, o := range opts {
				if math.Abs(o.Left-section.Left) > 1 || math.Abs(o.Width-section.Width) > 1 {
					t.Errorf("%s, %s: %s is %.0f px wide at %.0f, the sections' content %.0f px at %.0f (all: %s)",
						state, size, o.ID, o.Width, o.Left, section.Width, section.Left, fmt.Sprint(opts))
				}
			}
		}
		b.asDesktop()
	}
	check("no wallet")
	linkWallet(b, "KAKAOPAY")
	check("a wallet")
}
