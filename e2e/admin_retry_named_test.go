package e2e

import (
	"fmt"
	"regexp"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"
)

// "Try this refund again" names the failed refund it retried in its
// notice (its refundRequestId and amount), and the next refund's
// confirmation says, on the retry's line of "Refunds so far", which
// failed refund it settles — each read whole at 1280×800 and 390×844,
// nothing poking out and nothing scrolling sideways.
func TestRetryNamesTheFailedRefundItSettles(t *testing.T) {
	_, _, staff, ref := refusedRefund(t, "retry.named@example.com")
	var failedID string
	staff.run(chromedp.Evaluate(`document.querySelector("[data-testid=refund-failed]").textContent`, &failedID))
	failedID = regexp.MustCompile(`RF-` + regexp.QuoteMeta(ref) + `-[A-Z0-9]+`).FindString(failedID)
	if failedID == "" {
		t.Fatal("the failed refund's id is not on the order page")
	}
	staff.click("[data-testid=retry-submit]", "[data-testid=confirm]")
	staff.click("[data-testid=confirm-yes]", "[data-testid=flash]")
	staff.waitText("[data-testid=flash]", "Tried the failed refund "+failedID+" ($5.00) again. Refunded $5.00.")
	sizes := []struct{ width, height int64 }{{1280, 800}, {390, 844}}
	for _, size := range sizes {
		staff.viewport(size.width, size.height, size.width == 390)
		staff.fits(fmt.Sprint(size.width, " px: the retry's notice"), "[data-testid=flash]", "main")
	}
	staff.viewport(1280, 800, false)
	staff.run(chromedp.SetValue("[data-testid=refund-amount]", "1.00", chromedp.ByQuery))
	staff.click("[data-testid=refund-submit]", "[data-testid=confirm]")
	for _, size := range sizes {
		staff.viewport(size.width, size.height, size.width == 390)
		staff.fullScreenshot(fmt.Sprint("retry-settles-", size.width))
		var lines []string
		staff.run(chromedp.Evaluate(`[...document.querySelectorAll("[data-testid=confirm-refunds] > li")].map(li => li.textContent.trim().replace(/\s+/g, " "))`, &lines))
		settles := 0
		for _, line := range lines {
			if strings.HasPrefix(line, "Refunded: $5.00") && strings.HasSuffix(line, "; settles the failed refund "+failedID+" ($5.00)") {
				settles++
			}
		}
		if settles != 1 {
			t.Fatalf("%d px: no line says the retry settles %s: %q", size.width, failedID, lines)
		}
		staff.fits(fmt.Sprint(size.width, " px: the confirmation's facts"), "[data-testid=confirm] dl.facts", "[data-testid=confirm]")
	}
}
