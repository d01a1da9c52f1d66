package e2e

import (
	"testing"

	"github.com/chromedp/cdproto/network"
	"github.com/chromedp/chromedp"

	"antom-checkout/lang"
)

// A declined card's reason code on a phone, in every language: whole on
// a line of its own when it fits one ("USER_BALANCE_NOT_ENO ⏎ UGH" in
// Thai at 320 px, trial), never broken inside a word.
func TestResultReasonCodeWholeOnAPhone(t *testing.T) {
	srv := startServer(t, nil)
	b := newBrowser(t, srv.URL)
	declinedCard(b, "4000 0000 0000 9995")
	b.waitText("[data-testid=result-code]", "USER_BALANCE_NOT_ENOUGH")
	var result string
	b.run(chromedp.Location(&result))
	b.viewport(320, 640, true)
	for _, l := range lang.Languages {
		b.run(network.Enable(), network.SetExtraHTTPHeaders(network.Headers{"Accept-Language": l.Code}),
			chromedp.Navigate(result), chromedp.WaitVisible("[data-testid=result-code] .mono", chromedp.ByQuery))
		var fit struct {
			Lines        int
			Width, Space float64
		}
		b.run(chromedp.Evaluate(`(() => {
			const code = document.querySelector('[data-testid=result-code] .mono');
			const tops = new Set([...code.getClientRects()].filter(r => r.width > 0).map(r => Math.round(r.top)));
			const clone = code.cloneNode(true);
			clone.style.whiteSpace = 'nowrap';
			clone.style.position = 'absolute';
			code.parentNode.appendChild(clone);
			const width = clone.getBoundingClientRect().width;
			clone.remove();
			const p = code.closest('p'), cs = getComputedStyle(p);
			return {Lines: tops.size, Width: width, Space: p.clientWidth - parseFloat(cs.paddingLeft) - parseFloat(cs.paddingRight)};
		})()`, &fit))
		if fit.Width <= fit.Space && fit.Lines > 1 {
			t.Errorf("%s: the reason code (%.0f px) fits a %.0f px line but takes %d", l.Code, fit.Width, fit.Space, fit.Lines)
		}
	}
}
