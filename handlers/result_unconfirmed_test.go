package handlers

import (
	"context"
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/PuerkitoBio/goquery"

	"antom-checkout/antom/sandbox"
	"antom-checkout/db"
	"antom-checkout/lang"
)

// listedBadges is the status badge's words of each order a list shows
// (My orders, or staff's orders list), by ref, and their state (the
// badge's data-status, else its row's).
func listedBadges(t *testing.T, body, refID string) (words, states map[string]string) {
	t.Helper()
	words, states = map[string]string{}, map[string]string{}
	html(t, body).Find(`[data-testid="order-row"]`).Each(func(_ int, row *goquery.Selection) {
		ref := strings.TrimSpace(row.Find(`[data-testid="` + refID + `"]`).Text())
		badge := row.Find(`[data-testid="order-status"]`)
		words[ref] = strings.Join(strings.Fields(badge.Text()), " ")
		states[ref] = badge.AttrOr("data-status", row.AttrOr("data-status", ""))
	})
	return words, states
}

// Payments closed by us — their pay's answer lost, Antom showing no such
// payment until past their expiry — were never said by Antom to have
// failed: wherever they are labelled they are "Not confirmed", never
// "Failed". A signed-in buyer's wallet payment and a guest's card payment
// are driven there through the sandbox's faults; then the result page's
// badge beside its headline, My orders (the buyer's and the guest's),
// staff's orders list, its status filter (a value of its own, which
// "failed" does not list), the staff order page's badge and its attempt,
// and the dashboard all say so. The order is still open, to be paid
// again.
func TestUnconfirmedPaymentIsNeverCalledFailed(t *testing.T) {
	sa := newSandboxApp(t)
	ctx := context.Background()
	_, err := sa.Checkout.EnsureFirstStaff(ctx, staffEmail, staffPassword)
	check(t, err)
	const email = "unconfirmed@example.com"
	b := sa.client(t)
	b.signUp(email)
	sa.linkDANA(t, sa.buyerID(t, email))
	ref := b.buy("coffee", "1")
	ws, err := sa.DB.BuyerWallets(ctx, sa.buyerID(t, email), db.WalletActive)
	check(t, err)
	guest := sa.client(t)
	guestRef := guest.buy("mug", "1")

	sa.sb.Faults().SetAPI("payments/inquiryPayment", sandbox.APIFault{NotFoundNext: 40})
	sa.sb.Faults().SetNotify(sandbox.NotifyFault{DropNext: 100})
	sa.sb.Faults().SetAPI("payments/pay", sandbox.APIFault{DropNext: 3})
	if p := b.post("/checkout/"+ref+"/pay", url.Values{"wallet": {itoa(ws[0].ID)}}); p.status != http.StatusSeeOther {
		t.Fatalf("pay: %d %s", p.status, p.body)
	}
	sa.sb.Faults().SetAPI("payments/pay", sandbox.APIFault{DropNext: 3})
	if p := guest.post("/checkout/"+guestRef+"/card", nil); p.status != http.StatusSeeOther {
		t.Fatalf("guest's pay by card: %d %s", p.status, p.body)
	}
	sa.reconcileAt(t, 2*time.Minute) // past the payments' expiry: Antom shows no such payment
	for _, r := range []string{ref, guestRef} {
		a, err := sa.DB.LatestAttempt(ctx, sa.order(t, r).ID)
		check(t, err)
		assertEqual(t, a.Status+"/"+a.ResultCode+"/"+a.FinalSource, "FAIL/ORDER_NOT_EXIST/OURS", r+": the payment closed by us")
		assertEqual(t, sa.order(t, r).Status, db.OrderOpen, r+": the order, open to be paid again")
	}

	d := html(t, b.get("/orders/"+ref).body)
	assertEqual(t, textOf(t, d, "result-headline-text"), lang.For(lang.English).T("latecharge.head_unconfirmed"), "the result page's headline")
	assertEqual(t, textOf(t, d, "result-status"), "Not confirmed", "the result page's badge")
	assertEqual(t, testid(d, "result-status").AttrOr("data-status", ""), "unconfirmed", "the result page's badge's state")
	d = html(t, guest.get("/orders/"+guestRef).body)
	assertEqual(t, textOf(t, d, "result-status"), "Not confirmed", "the guest's result page's badge")

	words, states := listedBadges(t, b.get("/orders").body, "order-row-ref")
	assertEqual(t, words[ref]+"/"+states[ref], "Not confirmed/unconfirmed", "My orders")
	words, states = listedBadges(t, guest.get("/orders").body, "order-row-ref")
	assertEqual(t, words[guestRef]+"/"+states[guestRef], "Not confirmed/unconfirmed", "a guest's orders")

	staff := sa.client(t)
	staff.staffSignIn()
	list := staff.get("/admin/orders")
	words, _ = listedBadges(t, list.body, "order-link")
	for _, r := range []string{ref, guestRef} {
		assertEqual(t, words[r], "not confirmed (closed by us)", r+": staff's orders list")
	}
	if opt := testid(html(t, list.body), "orders-status").Find(`option[value="unconfirmed"]`); !strings.HasPrefix(opt.Text(), "Not confirmed") {
		t.Fatalf("the status filter's option for these: %q", opt.Text())
	}
	words, _ = listedBadges(t, staff.get("/admin/orders?status=unconfirmed").body, "order-link")
	assertEqual(t, len(words), 2, "orders listed as not confirmed")
	for _, r := range []string{ref, guestRef} {
		assertEqual(t, words[r], "not confirmed (closed by us)", r+": listed as not confirmed")
	}
	if failed, _ := listedBadges(t, staff.get("/admin/orders?status=failed").body, "order-link"); len(failed) != 0 {
		t.Fatalf("listed as failed: %v", failed)
	}
	d = html(t, staff.get("/admin/orders/"+ref).body)
	assertEqual(t, textOf(t, d, "order-status"), "not confirmed (closed by us)", "the staff order page's badge")
	assertEqual(t, textOf(t, d, "attempt-status"), "not confirmed", "the staff order page's attempt status (never a red fail)")
	if got := textOf(t, d, "attempt-unconfirmed"); !strings.HasPrefix(got, "closed by us, not confirmed by Antom") {
		t.Fatalf("the staff order page says of the attempt: %q", got)
	}
	d = html(t, staff.get("/admin").body)
	assertEqual(t, textOf(t, d, "payments-unconfirmed-count"), "2", "the dashboard's count of payments not confirmed")
	if got := textOf(t, d, "success-rate"); !strings.Contains(got, "0 successful of 2 finished payment attempts") ||
		!strings.Contains(got, "Of the others, 2 were not confirmed") {
		t.Fatalf("the dashboard's success rate says: %q", got)
	}
}
