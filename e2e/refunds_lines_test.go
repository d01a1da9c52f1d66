package e2e

import (
	"testing"

	"github.com/chromedp/cdproto/network"
	"github.com/chromedp/chromedp"

	"antom-checkout/lang"
)

// The result page's list of refunds on a phone, in every language: no
// entry's last line holds a word alone ("환불", refund, under "오후 1:00
// UTC에 US$10.00" in Korean at 390 px). Its lines are laid out pretty
// (app.css text-wrap: pretty), which takes a word down with it.
func TestRefundLinesLeaveNoWordAlone(t *testing.T) {
	_, buyer, staff, ref := paidWithStaff(t, "refund-lines@example.com")
	for _, amount := range []string{"10.00", "8.50"} {
		staff.visit("/admin/orders/" + ref)
		staff.run(chromedp.SetValue("[data-testid=refund-amount]", amount, chromedp.ByQuery))
		staff.click("[data-testid=refund-submit]", "[data-testid=confirm]")
		staff.click("[data-testid=confirm-yes]", "[data-testid=flash]")
	}
	for _, width := range []int64{390, 320} {
		buyer.viewport(width, 800, true)
		for _, l := range lang.Languages {
			buyer.run(network.Enable(), network.SetExtraHTTPHeaders(network.Headers{"Accept-Language": l.Code}))
			buyer.visit("/orders/" + ref)
			buyer.waitTrue("document.querySelectorAll('[data-testid=refund-made]').length === 2", "both refunds listed")
			var alone []string
			buyer.run(chromedp.Evaluate(`(() => {
				const out = [];
				for (const li of document.querySelectorAll('[data-testid=refund-made]')) {
					const r = document.createRange();
					r.selectNodeContents(li);
					const lines = new Map();
					for (const x of r.getClientRects()) {
						if (x.width > 0) lines.set(Math.round(x.bottom), (lines.get(Math.round(x.bottom)) || 0) + x.width);
					}
					const ws = [...lines.values()];
					if (ws.length > 1 && ws[ws.length - 1] < Math.max(...ws) / 4) out.push(li.textContent.trim());
				}
				return out;
			})()`, &alone))
			for _, a := range alone {
				t.Errorf("%s at %d px: a word alone on the last line of %q", l.Code, width, a)
			}
		}
	}
}
