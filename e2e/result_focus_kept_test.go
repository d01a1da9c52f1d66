package e2e

import (
	"strings"
	"testing"

	"github.com/chromedp/chromedp"
)

// A keyboard user on a processing result page who has reached its Check
// again keeps their place when the page updates in place: the focus goes
// to the new card's heading, where the news begins. The card it sat on
// was replaced, and the focus fell to the top of the page (body).
func TestResultUpdateKeepsTheFocusOnTheCard(t *testing.T) {
	srv := startServer(t, nil)
	b := newBrowser(t, srv.URL)
	signUp(b, "keys@example.com")
	buy(b, "coldbrew")
	linkFromCheckout(b, walletUser(t, "TNG"))
	b.click("[data-testid^=pay-wallet-]", "[data-testid=result]")
	b.waitText("[data-testid=result-status]", "Processing")
	b.tabTo("[data-testid=check-again]")
	b.waitText("[data-testid=result-status]", "Paid")
	var at string
	b.run(chromedp.Evaluate(`document.activeElement.id || document.activeElement.tagName`, &at))
	if at != "result-title" {
		t.Fatalf("after the page turned to Paid the focus is on %s, not the new card's heading", at)
	}
}

// A result page updating in place tells a screen reader the news in
// short — the new card's headline and detail, in one polite live region —
// not the whole card (its order number, facts and buttons) read out
// again, as when the card's box itself was the live region. A keyboard
// user whose focus went to the new heading hears the heading there, and
// the detail from the live region.
func TestResultUpdateIsSaidInShort(t *testing.T) {
	srv := startServer(t, nil)
	for _, focused := range []bool{false, true} {
		b := newBrowser(t, srv.URL)
		signUp(b, map[bool]string{false: "said@example.com", true: "said.focused@example.com"}[focused])
		buy(b, "coldbrew")
		linkFromCheckout(b, walletUser(t, "TNG"))
		b.click("[data-testid^=pay-wallet-]", "[data-testid=result]")
		b.waitText("[data-testid=result-status]", "Processing")
		var live string
		b.run(chromedp.Evaluate(`[...document.querySelectorAll("[aria-live]")].map(el => el.dataset.testid).join(",")`, &live))
		if live != "result-said" {
			t.Fatalf("the page's live regions are %q; want only result-said, not the card's box", live)
		}
		if got := b.text("[data-testid=result-said]"); got != "" {
			t.Fatalf("the live region says %q before any news", got)
		}
		if focused {
			b.tabTo("[data-testid=check-again]")
		}
		b.waitText("[data-testid=result-status]", "Paid")
		var headline, detail, said string
		b.run(chromedp.Evaluate(`document.querySelector("[data-testid=result-headline-text]").textContent.replace(/\s+/g, " ").trim()`, &headline))
		b.run(chromedp.Evaluate(`document.querySelector("[data-testid=result-detail]").textContent.replace(/\s+/g, " ").trim()`, &detail))
		b.run(chromedp.Evaluate(`document.querySelector("[data-testid=result-said]").textContent`, &said))
		// Two sentences: the headline ends with a full stop.
		want := strings.TrimSuffix(headline, ".") + ". " + detail
		if focused {
			want = detail
		}
		if headline == "" || detail == "" || said != want {
			t.Fatalf("focused=%v: the live region says %q; want %q (headline %q, detail %q)", focused, said, want, headline, detail)
		}
		// Heard, never seen: however long the news, none of it shows
		// (the end of a long sentence once showed at the page's left).
		var box []float64
		b.run(chromedp.Evaluate(`(r => [r.width, r.height])(document.querySelector("[data-testid=result-said]").getBoundingClientRect())`, &box))
		if len(box) != 2 || box[0] > 1 || box[1] > 1 {
			t.Fatalf("the live region's box is %v px; want at most 1×1", box)
		}
	}
}
