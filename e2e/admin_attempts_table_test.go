package e2e

import (
	"fmt"
	"testing"

	"github.com/chromedp/chromedp"

	"antom-checkout/app"
)

// On a desktop, the order page's payment attempts are a table of cells
// — the result code's cell among them, which a rule for codes in a
// sentence once made a box of its own, drawn off the table's grid — and
// the card paid with keeps its account ("•••• 4242") whole on a line,
// its name ("Visa") before it or on the line above; at 1280 and 390 px
// each of the Method's lines reads whole.
func TestAdminAttemptsTableKeepsItsCellsAndAccounts(t *testing.T) {
	srv := startServer(t, map[string]string{"CAPTURE_MODE": app.CaptureManual, "ADMIN_PASSWORD": adminPassword})
	buyer := newBrowser(t, srv.URL)
	ref := authorizedBy(buyer, "held.card@example.com")
	staff := newBrowser(t, srv.URL)
	staffSignIn(staff, srv)
	for _, width := range []int64{1280, 1024} {
		staff.run(chromedp.EmulateViewport(width, 900))
		staff.visit("/admin/orders/" + ref)
		var cells []string
		staff.run(chromedp.Evaluate(`[...document.querySelectorAll("[data-testid=attempt-row] > td")].map(td => getComputedStyle(td).display)`, &cells))
		if len(cells) == 0 {
			t.Fatal("no attempt row's cells")
		}
		for i, d := range cells {
			if d != "table-cell" {
				t.Fatalf("at %d px, the attempt row's cell %d is drawn %q, not as a table cell", width, i+1, d)
			}
		}
		var lines int
		staff.run(chromedp.Evaluate(`(() => {
			const cell = document.querySelector("[data-testid=attempt-row] > td[data-label=Method] .muted");
			const walk = document.createTreeWalker(cell, NodeFilter.SHOW_TEXT), chars = [];
			for (let t = walk.nextNode(); t; t = walk.nextNode()) {
				for (let i = 0; i < t.textContent.length; i++) {
					const r = document.createRange(); r.setStart(t, i); r.setEnd(t, i + 1);
					chars.push({c: t.textContent[i], top: Math.round(r.getBoundingClientRect().top)});
				}
			}
			const from = chars.map(x => x.c).join("").indexOf("••••");
			return from < 0 ? 0 : new Set(chars.slice(from).filter(x => x.c.trim()).map(x => x.top)).size;
		})()`, &lines))
		if lines != 1 {
			t.Fatalf("at %d px, the card's account %q reads on %d lines", width, staff.text("[data-testid=attempt-row] > td[data-label=Method] .muted"), lines)
		}
	}
	// At the admin's full width and on a phone, each line of the Method
	// ("Visa •••• 4242", "capture manual") reads whole: at 1280 px the
	// column was squeezed to a word a line beside the paymentId, and the
	// table still fits its page.
	for _, width := range []int64{1280, 390} {
		staff.run(chromedp.EmulateViewport(width, 900))
		staff.visit("/admin/orders/" + ref)
		const sel = "[data-testid=attempt-row] > td[data-label=Method] > div"
		n := staff.lineCounts(sel)
		if len(n) != 2 {
			t.Fatalf("at %d px, %d lines under the attempt's Method, want its card and its capture", width, len(n))
		}
		for i, lines := range n {
			if lines != 1 {
				t.Errorf("at %d px, the Method's line %d reads on %d lines: %q", width, i+1, lines, staff.text("[data-testid=attempt-row] > td[data-label=Method]"))
			}
		}
		staff.tablesReadable(fmt.Sprintf("the order page at %d px", width))
	}
}

// Where tables are still tables but narrower than the admin's full width
// (1024 px), an order's refunds keep who made each readable: the staff
// member's email breaks only before its "@", never into letters.
func TestAdminRefundsTableKeepsEmailsWhole(t *testing.T) {
	_, _, staff, ref := paidWithStaff(t, "refund.by@example.com")
	refundFive(staff, "[data-testid=flash]")
	for _, width := range []int64{1024, 800} {
		staff.run(chromedp.EmulateViewport(width, 900))
		staff.visit("/admin/orders/" + ref)
		staff.breaksOnlyBefore(fmt.Sprintf("the refund's By at %d px", width), `[data-testid=refund-row] > td[data-label="By"]`, "@")
	}
}
