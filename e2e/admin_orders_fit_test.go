package e2e

import (
	"fmt"
	"testing"

	"github.com/chromedp/cdproto/network"
	"github.com/chromedp/chromedp"

	"antom-checkout/app"
)

// authorizedBy signs a new buyer (email) up in b, signed out of any
// other first, and has them pay a teapot by card, authorized only
// (CAPTURE_MODE MANUAL); it returns the order's ref.
func authorizedBy(b *browser, email string) string {
	b.t.Helper()
	b.run(network.ClearBrowserCookies())
	signUp(b, email)
	buy(b, "teapot")
	ref := b.text("[data-testid=order-ref]")
	payOnHostedPage(b, "4242 4242 4242 4242", false)
	b.click("[data-testid=card-pay]", "[data-testid=result]")
	b.waitText("[data-testid=result-status]", "Authorized")
	return ref
}

// clear fails the test unless the elements matching first and second,
// in the same element matching row, are at least px apart — beside each
// other or one under the other, each line of second's text from first's
// box: neither touches the other.
func (b *browser) clear(row, first, second string, px float64) {
	b.t.Helper()
	var gaps []float64
	b.run(chromedp.Evaluate(fmt.Sprintf(`[...document.querySelectorAll(%s)].filter(r => r.querySelector(%s) && r.querySelector(%s)).map(r => {
		const a = r.querySelector(%[2]s).getBoundingClientRect();
		return Math.min(...[...r.querySelector(%[3]s).getClientRects()].map(b =>
			Math.max(b.left - a.right, a.left - b.right, b.top - a.bottom, a.top - b.bottom)));
	})`, quoteJS(row), quoteJS(first), quoteJS(second)), &gaps))
	if len(gaps) == 0 {
		b.t.Fatalf("no %s holds both %s and %s", row, first, second)
	}
	for i, g := range gaps {
		if g < px {
			b.t.Fatalf("%s %d: %s is %.1f px from %s, want at least %.0f", row, i, second, g, first, px)
		}
	}
}

// The orders list of authorizations waiting for capture, and one
// captured in part: at the desktop size (1280×800) a buyer's email of up
// to 28 characters reads on one line, never broken at its "@", beside
// rows whose Status holds the badge and "Capture before …" and an Amount
// "¥5,000 of ¥5,800"; a long one still wraps inside its column.
// On a phone (390×844) the "authorized" badge and "Capture before …"
// stand apart, never touching.
func TestAdminAuthorizationsListReadsWell(t *testing.T) {
	srv := startServer(t, map[string]string{"CAPTURE_MODE": app.CaptureManual, "ADMIN_PASSWORD": adminPassword})
	buyer := newBrowser(t, srv.URL)
	short := []string{"jo.tan@example.com", "buyer.number.one@example.com", "customer-care@shop.example"}
	for _, email := range append(short, "averyveryverylongname.with-hyphens-and.dots@subdomain.long-example-domain.example") {
		authorizedBy(buyer, email)
	}
	// One captured in part: its Amount reads "¥5,000 of ¥5,800".
	if err := srv.App.Checkout().Capture(t.Context(), "staff@example.com", authorizedBy(buyer, "ann@example.com"), 5000); err != nil {
		t.Fatal(err)
	}

	staff := newBrowser(t, srv.URL)
	staffSignIn(staff, srv)
	staff.asDesktop()
	staff.visit("/admin/orders")
	staff.tablesReadable("/admin/orders at the desktop size")
	var buyers []string
	staff.run(chromedp.Evaluate(`[...document.querySelectorAll("[data-testid=order-row] td[data-label=Buyer]")].map(td => td.textContent.trim())`, &buyers))
	lines := staff.lineCounts("[data-testid=order-row] td[data-label=Buyer]")
	if len(buyers) != 5 || len(lines) != 5 {
		t.Fatalf("the list shows buyers %q", buyers)
	}
	for i, email := range buyers {
		for _, s := range short {
			if email == s && lines[i] != 1 {
				t.Errorf("%s reads on %d lines beside the authorizations' Status", email, lines[i])
			}
		}
	}

	staff.asPhone()
	staff.visit("/admin/orders")
	staff.tablesReadable("/admin/orders on a phone")
	staff.clear("[data-testid=order-row] td[data-label=Status]", "[data-testid=order-status]", "[data-testid=auth-expiry]", 6)
}
