package e2e

import (
	"time"

	"github.com/chromedp/chromedp"
)

// waitSignedOutBar waits until the page shows its signed-out bar, for at
// most within: less than a long-poll's own 25 s window, so that news of
// the sign-out, not the window's end, is what shows it.
func (b *browser) waitSignedOutBar(within time.Duration) {
	b.t.Helper()
	b.run(chromedp.Poll(`(() => { const bar = document.querySelector("[data-testid=signed-out]"); return !!bar && !bar.hidden; })()`,
		nil, chromedp.WithPollingInterval(50*time.Millisecond), chromedp.WithPollingTimeout(within)))
}

// formFields counts the page's forms whose action's path is one that
// counts (a JavaScript test of the path p, such as
// `p.startsWith("/admin/")`), and how many of their fields and buttons
// are still enabled.
func (b *browser) formFields(counts string) (forms, enabled int) {
	b.t.Helper()
	var n struct{ Forms, Enabled int }
	b.run(chromedp.Evaluate(`(() => {
		let forms = 0, enabled = 0;
		for (const f of document.forms) {
			const p = new URL(f.action, location.href).pathname;
			if (!(`+counts+`)) continue;
			forms++;
			for (const el of f.elements) if (!el.disabled) enabled++;
		}
		return {Forms: forms, Enabled: enabled};
	})()`, &n))
	return n.Forms, n.Enabled
}
