package e2e

import (
	"fmt"
	"net/url"
	"strings"

	"github.com/chromedp/chromedp"
)

// landedWithNotice checks that the tab shows page (a path of the app,
// with any query), reached by a redirect naming its notice (the
// navigation's own address has ?notice=), and that the address bar names
// it no longer (app.js): Reload, a bookmark or a copied link is the page
// itself.
func (b *browser) landedWithNotice(page string) {
	b.t.Helper()
	b.waitTrue(fmt.Sprintf(`location.pathname + location.search === %q`, page), "the address of "+page+" without its notice")
	var reached string
	b.run(chromedp.Evaluate(`performance.getEntriesByType("navigation")[0].name`, &reached))
	u, err := url.Parse(reached)
	if err != nil || u.Query().Get("notice") == "" {
		b.t.Fatalf("%s was reached at %q, not by a redirect naming its notice", page, reached)
	}
	var kept []string
	for p := range strings.SplitSeq(u.RawQuery, "&") {
		if p != "" && !strings.HasPrefix(p, "notice=") {
			kept = append(kept, p)
		}
	}
	at := u.Path
	if len(kept) > 0 {
		at += "?" + strings.Join(kept, "&")
	}
	if at != page {
		b.t.Fatalf("reached at %q, which is not %s", reached, page)
	}
}
