package e2e

import (
	"fmt"
	"net/url"
	"testing"

	"github.com/chromedp/chromedp"

	"antom-checkout/app/apptest"
)

// addStaff has admin (signed in) add a staff member with email on the
// Staff page, and returns a new browser signed in as them, their
// one-time password replaced.
func addStaff(admin *browser, srv *apptest.Server, email string) *browser {
	admin.t.Helper()
	admin.visit("/admin/staff")
	admin.run(chromedp.SendKeys("#email", email, chromedp.ByQuery))
	admin.click("[data-testid=staff-add]", "[data-testid=one-time-password]")
	once := admin.text("[data-testid=one-time-password]")
	b := newBrowser(admin.t, srv.URL)
	b.visit("/admin/signin")
	b.run(
		chromedp.SendKeys("#email", email, chromedp.ByQuery),
		chromedp.SendKeys("#password", once, chromedp.ByQuery),
	)
	b.click("[data-testid=admin-signin]", "[data-testid=password-form]")
	b.run(
		chromedp.SendKeys("#current", once, chromedp.ByQuery),
		chromedp.SendKeys("#new", "a password of their own", chromedp.ByQuery),
		chromedp.SendKeys("#confirm", "a password of their own", chromedp.ByQuery),
	)
	b.click("[data-testid=change-password]", "[data-testid=nav-dashboard]")
	return b
}

// lineCounts returns, for each element matching sel, on how many lines
// its text reads.
func (b *browser) lineCounts(sel string) []int {
	b.t.Helper()
	var n []int
	b.run(chromedp.Evaluate(`[...document.querySelectorAll(`+quoteJS(sel)+`)].map(el => {
		const tops = new Set(), walk = document.createTreeWalker(el, NodeFilter.SHOW_TEXT);
		for (let t = walk.nextNode(); t; t = walk.nextNode()) {
			if (!t.textContent.trim()) continue;
			const r = document.createRange();
			r.selectNodeContents(t);
			for (const line of r.getClientRects()) if (line.width > 0) tops.add(Math.round(line.top));
		}
		return tops.size;
	})`, &n))
	return n
}

const longStaffEmail = "bob-with-a-really-long-address.for.testing@shop-department.example.com"

// A staff member whose email is long signs in: on a phone every admin
// page still fits the screen — the header's email wraps before its "@"
// (each part fits the phone's line) rather than push the page sideways —
// and so do the tables, summaries and timeline that name them (the
// refund they made). At the desktop size the staff list reads whole a
// short email beside theirs.
func TestAdminLongStaffEmailFitsAPhone(t *testing.T) {
	srv, _, admin, ref := paidWithStaff(t, "buyer.number.one@example.com")
	bob := addStaff(admin, srv, longStaffEmail)
	bob.visit("/admin/orders/" + ref)
	refundFive(bob, "[data-testid=flash]")
	bob.waitText("[data-testid=refund-status]", "success")

	bob.asPhone()
	for _, path := range []string{"/admin", "/admin/orders", "/admin/orders/" + ref, "/admin/staff",
		"/admin/wallets?email=buyer.number.one%40example.com", "/admin/notifications", "/admin/password"} {
		bob.visit(path)
		bob.fits(path, ".site-header .bar, .staff-menu, main :is(h1, h2, p, dt, dd, ul.plain > li, .inbox-head)", ".card")
		bob.breaksOnlyBefore(path+": the header's staff email", "[data-testid=staff-email]", "@")
		if n := bob.lineCounts("[data-testid=staff-email]"); len(n) != 1 || n[0] != 2 {
			t.Fatalf("%s: the header's staff email reads on %v lines, want 2 (broken before its @)", path, n)
		}
	}
	bob.visit("/admin/orders/" + ref)
	bob.tablesReadable("the order on a phone")

	bob.asDesktop()
	bob.visit("/admin/staff")
	bob.tablesReadable("the staff list")
	// Added by: the first staff member's short email (admin@127.0.0.1)
	// reads whole beside the long one.
	for i, n := range bob.lineCounts("[data-testid=staff-added-by] .whole") {
		if n != 1 {
			t.Fatalf("the staff list: Added by %d reads on %d lines: %q", i, n, bob.text("[data-testid=staff-accounts]"))
		}
	}
	bob.visit("/admin/orders/" + ref)
	bob.tablesReadable("the order on a desktop")
}

// At the desktop size (1280×800) an order of a buyer whose email is long
// leaves the orders list within its card — the email wraps in its column
// rather than widen the table past it — and the other rows' Created
// dates read on as many lines as in a list without that order (one),
// not squeezed by the email; a short email reads whole.
func TestAdminLongBuyerEmailInOrdersOnADesktop(t *testing.T) {
	const long = "averyveryverylongname.with-hyphens-and.dots.extra-long-segment@subdomain.long-example-domain.example"
	srv, _, staff, ref := paidWithStaff(t, "buyer.number.one@example.com")
	other := newBrowser(t, srv.URL)
	signUp(other, long)
	linkWallet(other, "GCASH")
	paidOrder(other)

	staff.asDesktop()
	staff.visit("/admin/orders?q=" + url.QueryEscape(ref))
	alone := staff.lineCounts("[data-testid=orders] td[data-label=Created]")
	if len(alone) != 1 {
		t.Fatalf("searching %s lists %d orders, want 1", ref, len(alone))
	}
	staff.visit("/admin/orders")
	staff.tablesReadable("/admin/orders")
	var over int
	staff.run(chromedp.Evaluate(`(() => { const s = document.querySelector(".table-scroll:has([data-testid=orders])"); return s.scrollWidth - s.clientWidth; })()`, &over))
	if over > 0 {
		t.Fatalf("the orders table is %d px wider than its card", over)
	}
	created := staff.lineCounts("[data-testid=orders] td[data-label=Created]")
	if len(created) != 2 {
		t.Fatalf("the orders list has %d rows, want 2", len(created))
	}
	for i, n := range created {
		if n > alone[0] {
			t.Fatalf("row %d's Created date reads on %d lines beside the long email, %d without it", i, n, alone[0])
		}
	}
	var buyers []string
	staff.run(chromedp.Evaluate(`[...document.querySelectorAll("[data-testid=orders] td[data-label=Buyer]")].map(td => td.textContent.trim())`, &buyers))
	for i, b := range buyers {
		if b == "buyer.number.one@example.com" {
			staff.breaksOnlyBefore("the short buyer email", fmt.Sprintf("[data-testid=order-row]:nth-child(%d) td[data-label=Buyer]", i+1), "")
		}
	}
}
