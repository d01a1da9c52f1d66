package e2e

import (
	"fmt"
	"regexp"
	"testing"

	"github.com/chromedp/chromedp"
)

// The confirmation of a refund lists the order's refunds so far under
// one label, "Refunds so far" — each refund a line of the list led by how
// it stands ("Refunded", "Failed") — never "Refunded before" said again
// for each. At 1280×800 the list stands beside its label; on a phone
// (390×844) it takes the card's whole width under it, each line's lead
// whole on its line, nothing poking out and nothing scrolling sideways.
func TestRefundConfirmationListsRefundsSoFarOnce(t *testing.T) {
	_, _, staff, ref := refusedRefund(t, "refunds.so.far@example.com")
	refundFive(staff, "[data-testid=flash]")
	staff.waitText("[data-testid=flash]", "Refunded $5.00.")
	refundFive(staff, "[data-testid=flash]")
	staff.waitText("[data-testid=flash]", "Refunded $5.00.")
	staff.run(chromedp.SetValue("[data-testid=refund-amount]", "1.00", chromedp.ByQuery))
	staff.click("[data-testid=refund-submit]", "[data-testid=confirm]")
	staff.waitText("[data-testid=confirm] h1", "Refund $1.00 of order "+ref+"?")

	for _, size := range []struct{ width, height int64 }{{1280, 800}, {390, 844}} {
		if size.width == 390 {
			staff.run(chromedp.EmulateViewport(size.width, size.height, chromedp.EmulateMobile, chromedp.EmulateTouch, chromedp.EmulateScale(1)))
		} else {
			staff.run(chromedp.EmulateViewport(size.width, size.height))
		}
		staff.fullScreenshot(fmt.Sprint(size.width))
		var labels []string
		staff.run(chromedp.Evaluate(`[...document.querySelectorAll("[data-testid=confirm] dl.facts > dt")].map(dt => dt.textContent.trim())`, &labels))
		want := []string{"Amount", "Reason", "Refunds so far", "Refundable now"}
		if fmt.Sprint(labels) != fmt.Sprint(want) {
			t.Fatalf("%d px: the confirmation's labels are %q, want %q", size.width, labels, want)
		}
		var leads []string
		staff.run(chromedp.Evaluate(`[...document.querySelectorAll("[data-testid=confirm-refunds] > li > .fact-lead")].map(s => s.textContent.trim())`, &leads))
		if fmt.Sprint(leads) != fmt.Sprint([]string{"Failed", "Refunded", "Refunded"}) {
			t.Fatalf("%d px: the refunds so far are led by %q", size.width, leads)
		}
		var lines []string
		staff.run(chromedp.Evaluate(`[...document.querySelectorAll("[data-testid=confirm-refunds] > li")].map(li => li.textContent.trim().replace(/\s+/g, " "))`, &lines))
		for i, line := range lines {
			if !regexp.MustCompile(`^(Failed|Refunded): \$5\.00,? (sent )?by admin@\S+ on \d+ Dec \d{4} [0-9:]+ UTC(; nothing of it owed now)?$`).MatchString(line) {
				t.Fatalf("%d px: refund %d reads %q", size.width, i+1, line)
			}
		}
		for i := range leads {
			staff.breaksOnlyBefore("a refund's lead", fmt.Sprintf("[data-testid=confirm-refunds] > li:nth-child(%d) > .fact-lead", i+1), "")
		}
		staff.fits("the confirmation's facts", "[data-testid=confirm] dl.facts", "[data-testid=confirm]")
		// Beside its label on a desktop; under it, the card's whole width,
		// on a phone.
		var label, list map[string]float64
		staff.run(
			chromedp.Evaluate(`(() => { const r = document.querySelector("[data-testid=confirm-refunds-label]").getBoundingClientRect(); return {left: r.left, right: r.right, bottom: r.bottom, top: r.top}; })()`, &label),
			chromedp.Evaluate(`(() => { const r = document.querySelector("[data-testid=confirm-refunds]").getBoundingClientRect(); return {left: r.left, right: r.right, bottom: r.bottom, top: r.top}; })()`, &list),
		)
		if size.width == 390 && (list["left"] > label["left"]+1 || list["top"] < label["bottom"]-1) {
			t.Fatalf("390 px: the refunds so far (%v) are not under their label (%v)", list, label)
		}
		if size.width == 1280 && (list["left"] < label["right"] || list["top"] > label["top"]+4) {
			t.Fatalf("1280 px: the refunds so far (%v) are not beside their label (%v)", list, label)
		}
	}
}
