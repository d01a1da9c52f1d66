package e2e

import (
	"slices"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"

	"antom-checkout/antom/sandbox"
)

// linesJS are the lines the text inside the element sel takes, as the
// browser laid it out: each character goes to the line of the one before
// it unless it sits below it (its top past that one's middle), so boxes
// of one line not quite level (an inline block's words) stay one line.
const linesJS = `(sel => {
	const el = document.querySelector(sel);
	const rows = [];
	let prev = null;
	const walk = document.createTreeWalker(el, NodeFilter.SHOW_TEXT);
	for (let t = walk.nextNode(); t; t = walk.nextNode()) {
		for (let i = 0; i < t.length; i++) {
			const r = document.createRange(); r.setStart(t, i); r.setEnd(t, i + 1);
			const rect = r.getClientRects()[0];
			if (!rect || rect.width === 0) continue;
			if (!prev || rect.top > prev.top + prev.height / 2) rows.push("");
			rows[rows.length - 1] += t.data[i];
			prev = rect;
		}
	}
	return rows.map(s => s.trim()).filter(s => s);
})`

// closingPunctuation is what no line may start with: a mark that closes
// what comes before it, Chinese's and Latin's alike.
const closingPunctuation = "。，、．）」』】〉》；：！？.,;:!?)"

// linesOf are the lines of the element sel's text (linesJS).
func (b *browser) linesOf(sel string) []string {
	b.t.Helper()
	var lines []string
	b.run(chromedp.Evaluate(linesJS+`(`+quoteJS(sel)+`)`, &lines))
	return lines
}

// The shop's contact inside a translated sentence is whole on a 320 px
// phone — "help@demo-shop.example" not broken at its hyphen — and the
// punctuation that follows it goes with it: Chinese's "。" never starts a
// line of its own, nor English's "." — on the result page's notice of a
// refund the shop settled another way and in the footer. Korean's word
// the contact is written in, "상점(help@demo-shop.example)에", stays one
// on a line at 390 px ("상점 ⏎ (help@…)에", trial); wider than a 320 px
// line, it breaks after "상점" only, and nothing is wider than its box.
func TestContactKeepsItsFullStopOnAPhone(t *testing.T) {
	const contact = "help@demo-shop.example"
	srv := startServer(t, map[string]string{"ADMIN_PASSWORD": adminPassword, "MERCHANT_CONTACT": contact})
	buyer := newBrowser(t, srv.URL)
	signUp(buyer, "glued@example.com")
	linkWallet(buyer, "GCASH")
	ref := paidOrder(buyer)
	staff := newBrowser(t, srv.URL)
	staffSignIn(staff, srv)
	staff.visit("/admin/orders/" + ref)
	srv.App.Sandbox().Faults().SetAPI("payments/refund", sandbox.APIFault{NotFoundNext: 1})
	refundFive(staff, "[data-testid=refund-failed]")
	staff.run(chromedp.SendKeys("[data-testid=handled-note]", "bank transfer", chromedp.ByQuery))
	staff.click("[data-testid=handled-submit]", "[data-testid=confirm]")
	staff.click("[data-testid=confirm-yes]", "[data-testid=refund-handled]")

	for _, width := range []int64{320, 390} {
		buyer.viewport(width, 640, true)
		for _, code := range []string{"zh-Hans", "en", "ko"} {
			buyer.visit("/orders/" + ref)
			buyer.switchTo(code)
			buyer.waitText("[data-testid=refund-handled] [data-testid=contact-link]", contact)
			buyer.run(chromedp.ScrollIntoView("[data-testid=refund-handled]", chromedp.ByQuery))
			buyer.screenshot()
			for _, sel := range []string{"[data-testid=refund-handled]", "[data-testid=shop-contact]"} {
				lines := buyer.linesOf(sel)
				for i, line := range lines {
					if i > 0 && containsRune(closingPunctuation, []rune(line)[0]) {
						t.Errorf("%d px, %s %s: line %d starts with %q: %q", width, code, sel, i+1, string([]rune(line)[0]), lines)
					}
				}
				if email := buyer.linesOf(sel + " [data-testid=contact-link]"); len(email) != 1 {
					t.Errorf("%d px, %s %s: the email takes %d lines: %q", width, code, sel, len(email), email)
				}
				var fits bool
				buyer.run(chromedp.Evaluate(`(el => el.scrollWidth <= el.clientWidth)(document.querySelector(`+quoteJS(sel)+`))`, &fits))
				if !fits {
					t.Errorf("%d px, %s %s: wider than its box: %q", width, code, sel, lines)
				}
				// At 320 px the word is wider than the line: it breaks after 상점.
				if want := map[int64]string{390: "상점(" + contact + ")에", 320: "(" + contact + ")에"}[width]; code == "ko" && sel == "[data-testid=refund-handled]" && !hasLine(lines, want) {
					t.Errorf("%d px, ko: %q breaks the word the contact is written in, %s", width, lines, want)
				}
			}
		}
	}
}

// hasLine reports whether one of lines holds words.
func hasLine(lines []string, words string) bool {
	return slices.ContainsFunc(lines, func(l string) bool { return strings.Contains(l, words) })
}

func containsRune(s string, r rune) bool {
	for _, c := range s {
		if c == r {
			return true
		}
	}
	return false
}
