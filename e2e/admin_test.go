package e2e

import (
	"fmt"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/chromedp"

	"antom-checkout/antom/sandbox"
	"antom-checkout/app"
	"antom-checkout/app/apptest"
)

const adminPassword = "an admin password for the e2e tests"

// staffSignIn signs a browser in to the admin as the first staff member
// (created at start with ADMIN_PASSWORD).
func staffSignIn(b *browser, srv *apptest.Server) {
	b.t.Helper()
	b.visit("/admin/signin")
	b.run(
		chromedp.SendKeys("#email", app.FirstStaffEmail(srv.App.Config().PublicURL), chromedp.ByQuery),
		chromedp.SendKeys("#password", adminPassword, chromedp.ByQuery),
	)
	b.click("[data-testid=admin-signin]", "[data-testid=nav-dashboard]")
	b.waitText("[data-testid=staff-email]", "admin@")
}

// paidOrder buys 2 × coffee as the signed-in buyer with their linked
// wallet and returns the order ref.
func paidOrder(b *browser) string {
	b.t.Helper()
	b.visit("/")
	b.run(chromedp.SetValue("[data-testid=quantity-coffee]", "2", chromedp.ByQuery))
	b.click("[data-testid=buy-coffee]", "[data-testid=checkout]")
	ref := b.text("[data-testid=order-ref]")
	b.click("[data-testid^=pay-wallet-]", "[data-testid=result]")
	b.waitText("[data-testid=result-status]", "Paid")
	return ref
}

// paidWithStaff starts the app with a staff member; a buyer (email) signs
// up, links a wallet and pays 2 × coffee (paidOrder), and staff sign in
// on the order's page. It returns the server, the buyer's and staff's
// browsers and the order's ref.
func paidWithStaff(t *testing.T, email string) (srv *apptest.Server, buyer, staff *browser, ref string) {
	t.Helper()
	srv = startServer(t, map[string]string{"ADMIN_PASSWORD": adminPassword})
	buyer = newBrowser(t, srv.URL)
	signUp(buyer, email)
	linkWallet(buyer, "GCASH")
	ref = paidOrder(buyer)

	staff = newBrowser(t, srv.URL)
	staffSignIn(staff, srv)
	staff.visit("/admin/orders/" + ref)
	return srv, buyer, staff, ref
}

// refundFive has staff, on an order's page, refund $5.00 of it and
// confirm, and waits for the element answer names.
func refundFive(staff *browser, answer string) {
	staff.run(chromedp.SetValue("[data-testid=refund-amount]", "5.00", chromedp.ByQuery))
	staff.click("[data-testid=refund-submit]", "[data-testid=confirm]")
	staff.click("[data-testid=confirm-yes]", answer)
}

// refusedRefund is paidWithStaff, then staff refund $5.00 of the order,
// which Antom refuses: the page shows $5.00 owed.
func refusedRefund(t *testing.T, email string) (srv *apptest.Server, buyer, staff *browser, ref string) {
	t.Helper()
	srv, buyer, staff, ref = paidWithStaff(t, email)
	srv.App.Sandbox().Faults().SetAPI("payments/refund", sandbox.APIFault{NotFoundNext: 1})
	refundFive(staff, "[data-testid=refund-failed]")
	staff.waitText("[data-testid=refund-failed]", "A failed refund leaves $5.00 owed")
	return srv, buyer, staff, ref
}

func TestStaffRefundsPartOfAnOrderAndLooksItUp(t *testing.T) {
	srv := startServer(t, map[string]string{"ADMIN_PASSWORD": adminPassword})
	buyer := newBrowser(t, srv.URL)
	signUp(buyer, "refund.me@example.com")
	linkWallet(buyer, "GCASH")
	ref := paidOrder(buyer)

	staff := newBrowser(t, srv.URL)
	staffSignIn(staff, srv)
	staff.visit("/admin/orders?q=refund.me")
	staff.waitText("[data-testid=order-link]", ref)
	staff.click("[data-testid=order-link]", "[data-testid=refund-form]")
	staff.waitText("[data-testid=order-status]", "paid")
	var prefilled string
	staff.run(chromedp.Value("[data-testid=refund-amount]", &prefilled, chromedp.ByQuery))
	if prefilled != "" {
		t.Fatalf("the refund form offers %q: staff type the amount", prefilled)
	}
	staff.waitText("[data-testid=refund-amount-help]", "Up to $37.00.")

	// Too much first: a field error, nothing sent.
	staff.run(chromedp.SetValue("[data-testid=refund-amount]", "40", chromedp.ByQuery))
	staff.click("[data-testid=refund-submit]", "[data-testid=amount-error]")
	staff.waitText("[data-testid=amount-error]", "At most $37.00 can be refunded.")
	if n := srv.App.Sandbox().Calls("payments/refund"); n != 0 {
		t.Fatalf("%d refund calls for a refused form", n)
	}

	staff.run(
		chromedp.SetValue("[data-testid=refund-amount]", "5.00", chromedp.ByQuery),
		chromedp.SendKeys("[data-testid=refund-reason]", "one bag arrived torn", chromedp.ByQuery),
	)
	// The refund is confirmed on its own page; nothing is sent before.
	staff.click("[data-testid=refund-submit]", "[data-testid=confirm]")
	staff.waitText("[data-testid=confirm]", "Refund $5.00 of order "+ref+"?")
	staff.waitText("[data-testid=confirm]", "one bag arrived torn")
	staff.lookHere()
	// The confirmation has an address of its own, reached by a redirect
	// from the form's POST (Post/Redirect/Get): Reload shows it again and
	// sends nothing — no Confirm Form Resubmission.
	var confirmAt string
	staff.run(chromedp.Location(&confirmAt))
	if !strings.Contains(confirmAt, "/admin/orders/"+ref+"/refunds/confirm?") {
		t.Fatalf("the confirmation is at %q, not an address of its own", confirmAt)
	}
	staff.run(chromedp.Reload())
	staff.waitText("[data-testid=confirm]", "Refund $5.00 of order "+ref+"?")
	staff.waitText("[data-testid=confirm]", "one bag arrived torn")
	if n := srv.App.Sandbox().Calls("payments/refund"); n != 0 {
		t.Fatalf("%d refund calls before the confirmation", n)
	}
	staff.click("[data-testid=confirm-yes]", "[data-testid=flash]")
	staff.waitText("[data-testid=flash]", "Refunded $5.00.")
	staff.landedWithNotice("/admin/orders/" + ref)
	// Back to the confirmation: it says the refund was made, asks
	// nothing, and sends nothing again.
	staff.run(chromedp.Evaluate(`history.back()`, nil))
	staff.waitText("[data-testid=flash]", "This refund form was already submitted. Refunded $5.00.")
	staff.landedWithNotice("/admin/orders/" + ref)
	if n := srv.App.Sandbox().Calls("payments/refund"); n != 1 {
		t.Fatalf("%d refund calls after Back to the confirmation, want 1", n)
	}
	staff.waitText("[data-testid=order-status]", "partially refunded")
	staff.waitText("[data-testid=refund-status]", "success")
	staff.waitText("[data-testid=timeline]", "refund RF-")
	staff.waitText("[data-testid=event-actor]", "admin@")
	refundID := staff.text("[data-testid=refund-id]")

	// Ask Antom from the refund's row (by refundRequestId) …
	staff.click("[data-testid=refund-check]", "[data-testid=lookup-result]")
	staff.waitText("[data-testid=lookup-status]", "success")
	// Its badge stands apart from "Antom says", and the answer's card from
	// the form's, at both sizes.
	for _, width := range []int64{1280, 390} {
		staff.run(chromedp.EmulateViewport(width, 844))
		staff.apart("#lookup-title > span", "[data-testid=lookup-status]", "left", 8)
		staff.apart("[data-testid=lookup-form]", "[data-testid=lookup-result]", "top", 8)
	}
	staff.run(chromedp.EmulateViewport(1280, 800))
	staff.waitText("[data-testid=lookup-amount]", "$5.00")
	staff.waitText("[data-testid=lookup-order]", ref)
	// … by refundId through the form, and by an id Antom does not know.
	staff.visit("/admin/refunds/lookup")
	staff.run(chromedp.SendKeys("[data-testid=lookup-id]", refundID, chromedp.ByQuery))
	staff.click("[data-testid=lookup-submit]", "[data-testid=lookup-result]")
	staff.waitText("[data-testid=lookup-status]", "success")
	if strings.TrimSpace(staff.text("[data-testid=lookup-time]")) == "—" {
		t.Fatal("no refund time")
	}
	staff.run(chromedp.SetValue("[data-testid=lookup-id]", "RF-NOBODY-KNOWS", chromedp.ByQuery))
	staff.click("[data-testid=lookup-submit]", "[data-testid=lookup-not-found]")
	staff.waitText("[data-testid=lookup-not-found]", "Antom has no refund with this id")
}

// Staff unlink a buyer's wallet at /admin/wallets; the buyer's My
// wallets says the shop unlinked it (it does not simply vanish).
func TestStaffUnlinksABuyersWallet(t *testing.T) {
	srv := startServer(t, map[string]string{"ADMIN_PASSWORD": adminPassword})
	buyer := newBrowser(t, srv.URL)
	signUp(buyer, "unlink.me@example.com")
	login := linkWallet(buyer, "DANA")

	staff := newBrowser(t, srv.URL)
	staffSignIn(staff, srv)
	staff.visit("/admin/wallets")
	staff.run(chromedp.SendKeys("[data-testid=wallets-email]", "unlink.me@example.com", chromedp.ByQuery))
	staff.click("[data-testid=wallets-find]", "[data-testid=admin-wallets]")
	staff.waitText("[data-testid=admin-wallet-login]", login)
	staff.click("[data-testid^=admin-unlink-]", "[data-testid=confirm]")
	staff.waitText("[data-testid=confirm]", "Unlink DANA "+login+"?")
	staff.click("[data-testid=confirm-yes]", "[data-testid=flash]")
	staff.waitText("[data-testid=flash]", "Wallet unlinked")
	// The request revokes the token itself unless the reconciler holds the
	// wallet's lease at that moment (it revokes REVOKING wallets too): then
	// the page truthfully says "revoking", and a reload shows "revoked"
	// once the reconciler is done.
	deadline := time.Now().Add(15 * time.Second)
	for !strings.Contains(staff.text("[data-testid=admin-wallet-status]"), "revoked") {
		if time.Now().After(deadline) {
			t.Fatalf("the wallet is still %q", staff.text("[data-testid=admin-wallet-status]"))
		}
		staff.visit("/admin/wallets?email=unlink.me@example.com")
	}

	// The buyer did not ask: My wallets says who did, and when.
	buyer.visit("/wallets")
	buyer.waitText("[data-testid=no-wallets]", "The shop unlinked DANA "+login+" on ")
}

// apart fails the test unless the element matching second starts at
// least px after the one matching first ends: to its right (side "left")
// or below it ("top").
func (b *browser) apart(first, second, side string, px float64) {
	b.t.Helper()
	var gap float64
	end := map[string]string{"left": "right", "top": "bottom"}[side]
	b.run(chromedp.Evaluate(fmt.Sprintf(`document.querySelector(%q).getBoundingClientRect().%s - document.querySelector(%q).getBoundingClientRect().%s`,
		second, side, first, end), &gap))
	if gap < px {
		b.t.Fatalf("%s is %.1f px from %s, want at least %.0f", second, gap, first, px)
	}
}

// A refund Antom refuses, tried again and refused again, leaves what it
// asked owed once, by one open failure; trying that one again refunds
// it, and nothing is owed. Looked at on a desktop and a phone.
func TestStaffTriesAFailedRefundAgain(t *testing.T) {
	srv, buyer, staff, ref := refusedRefund(t, "retry@example.com")

	srv.App.Sandbox().Faults().SetAPI("payments/refund", sandbox.APIFault{NotFoundNext: 1})
	staff.run(chromedp.ScrollIntoView("[data-testid=retry-form]", chromedp.ByQuery))
	staff.lookHere()
	for _, width := range []int64{1280, 390} {
		staff.run(chromedp.EmulateViewport(width, 844))
		staff.apart("[data-testid=retry-form]", "[data-testid=handled-form]", "top", 0)
	}
	staff.run(chromedp.EmulateViewport(1280, 800))
	staff.click("[data-testid=retry-submit]", "[data-testid=confirm]")
	staff.waitText("[data-testid=confirm]", "Refund $5.00 of order "+ref+" again?")
	staff.lookHere()
	staff.click("[data-testid=confirm-yes]", "[data-testid=refund-failed]")
	// Said once: by the order's alarm, which names the retry and why it failed.
	staff.waitText("[data-testid=refund-failed]", "A failed refund leaves $5.00 owed")
	staff.waitText("[data-testid=refund-failed]", "Antom has no record")
	var forms int
	staff.run(chromedp.Evaluate(`document.querySelectorAll("[data-testid=retry-form]").length`, &forms))
	if forms != 1 {
		t.Fatalf("%d failures to try again, want the retry alone", forms)
	}
	staff.waitText("[data-testid=refund-retried-by]", "Tried again as")
	staff.waitText("[data-testid=timeline]", "retrying failed refund RF-"+ref)
	buyer.visit("/orders/" + ref)
	buyer.waitText("[data-testid=refund-failed]", "$5.00")

	staff.click("[data-testid=retry-submit]", "[data-testid=confirm]")
	staff.click("[data-testid=confirm-yes]", "[data-testid=flash]")
	staff.waitText("[data-testid=flash]", "Tried the failed refund RF-"+ref)
	staff.waitText("[data-testid=flash]", " ($5.00) again. Refunded $5.00.")
	staff.run(chromedp.Evaluate(`document.querySelectorAll("[data-testid=refund-failed], [data-testid=retry-form]").length`, &forms))
	if forms != 0 {
		t.Fatal("the order still shows a failed refund as open")
	}
	staff.waitText("[data-testid=order-refunded]", "$5.00")
	staff.run(chromedp.ScrollIntoView("[data-testid=refunds]", chromedp.ByQuery))
	staff.lookHere()
}

// A refund Antom refuses is an open problem on the order; staff settle it
// with the buyer another way, say how, confirm, and the problem closes:
// the refund says who handled it, and the buyer's page says the shop
// settled it with them another way. Looked at on a desktop and a phone.
func TestStaffMarksAFailedRefundHandledAnotherWay(t *testing.T) {
	_, buyer, staff, ref := refusedRefund(t, "handled@example.com")
	// Bad news reads as a problem (red, an alert), once, not as a success.
	staff.waitText("[data-testid=refund-failed][role=alert]", "A failed refund leaves $5.00 owed")
	var green int
	staff.run(chromedp.Evaluate(`document.querySelectorAll("[data-testid=flash]").length`, &green))
	if green != 0 {
		t.Fatal("the refused refund is also announced as a success")
	}
	staff.run(chromedp.ScrollIntoView("[data-testid=handled-form]", chromedp.ByQuery))
	staff.lookHere()
	for _, width := range []int64{1280, 390} {
		staff.run(chromedp.EmulateViewport(width, 844))
		staff.apart("[data-testid=handled-form] label", "[data-testid=handled-note]", "top", 0)
	}
	staff.run(chromedp.EmulateViewport(1280, 800))
	staff.run(chromedp.SendKeys("[data-testid=handled-note]", "bank transfer, ref 42", chromedp.ByQuery))
	staff.click("[data-testid=handled-submit]", "[data-testid=confirm]")
	staff.waitText("[data-testid=confirm]", "Mark the failed refund of $5.00 on order "+ref+" handled another way?")
	staff.waitText("[data-testid=confirm]", "bank transfer, ref 42")
	staff.lookHere()
	var confirmation string
	staff.run(chromedp.Location(&confirmation))
	staff.click("[data-testid=confirm-yes]", "[data-testid=flash]")
	staff.waitText("[data-testid=flash]", "Marked handled another way.")
	staff.waitText("[data-testid=refund-handled]", "$5.00 handled another way by admin@")
	// Its date and time are each whole (no-break spaces, lang.StaffTime):
	// read as plain spaces here.
	if got := strings.ReplaceAll(staff.text("[data-testid=refund-handled]"), "\u00a0", " "); !regexp.MustCompile(`^\$5\.00 handled another way by admin@\S+, \d{1,2} \w{3} \d{4} \d\d:\d\d:\d\d UTC: “bank transfer, ref 42”$`).MatchString(got) {
		t.Fatalf("the handled refund reads %q, want who, when (UTC) and how", got)
	}
	staff.waitText("[data-testid=timeline]", "handled another way: bank transfer, ref 42")
	var open int
	staff.run(chromedp.Evaluate(`document.querySelectorAll("[data-testid=refund-failed], [data-testid=handled-form]").length`, &open))
	if open != 0 {
		t.Fatal("the order still shows the failed refund as open")
	}
	// The confirmation's address again (Back, Reload): done already, said
	// neutrally, never "Your note was not saved" in red (trial).
	staff.visit(strings.TrimPrefix(confirmation, staff.base))
	staff.waitText("[data-testid=note]", "Nothing to confirm: you had already marked refund")
	staff.waitText("[data-testid=note]", "“bank transfer, ref 42”")
	var red int
	staff.run(chromedp.Evaluate(`document.querySelectorAll("[data-testid=problem]").length`, &red))
	if red != 0 {
		t.Fatalf("Back to the confirmation shows a problem: %q", staff.text("[data-testid=problem]"))
	}
	staff.run(chromedp.ScrollIntoView("[data-testid=refund-handled]", chromedp.ByQuery))
	staff.lookHere()

	buyer.visit("/orders/" + ref)
	buyer.waitText("[data-testid=refund-handled]", "The shop says it has settled this with you another way")
	buyer.lookHere()

	// The printed receipt says so too: what became of the money is part
	// of it.
	buyer.run(emulation.SetEmulatedMedia().WithMedia("print"))
	var display string
	buyer.run(chromedp.Evaluate(`getComputedStyle(document.querySelector("[data-testid=refund-handled]")).display`, &display))
	buyer.run(emulation.SetEmulatedMedia().WithMedia(""))
	if display == "none" {
		t.Fatal("the printed receipt leaves out the refund settled another way")
	}
}
