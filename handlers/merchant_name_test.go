package handlers

import (
	"net/http"
	"strings"
	"testing"
)

// Every buyer page names the shop (MERCHANT_NAME) in its title, header and
// footer; the footer no longer links to the JSON health check.
func TestBuyerPagesNameTheMerchant(t *testing.T) {
	ta := newTestApp(t)
	b := ta.client(t)
	ref := b.buy("coffee", "1")
	pages := []string{"/", "/signin", "/signup", "/checkout/" + ref, "/orders/" + ref, "/no/such/page"}
	b.signUp("names@example.com")
	pages = append(pages, "/wallets")
	for _, path := range pages {
		p := b.get(path)
		if p.status != http.StatusOK && p.status != http.StatusNotFound {
			t.Fatalf("%s: status %d", path, p.status)
		}
		assertContains(t, p.body, "· Tea &amp; Co.</title>", `data-testid="merchant-name"`, `alt=""> Tea &amp; Co.</a>`,
			`<span class="footer-merchant">Tea &amp; Co.</span>`)
		if strings.Contains(p.body, `href="/healthz"`) {
			t.Fatalf("%s still links to /healthz", path)
		}
	}
}
