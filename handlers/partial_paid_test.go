package handlers

import (
	"net/http"
	"strings"
	"testing"
	"time"

	"antom-checkout/antom"
	"antom-checkout/checkout"
	"antom-checkout/db"
)

// An authorization captured in part (the rest released) paid less than
// the order's total: My orders and the admin orders list say what was
// paid of the total, as its result page does, not the total as if all
// of it was paid. An order that paid its total still reads the total.
func TestListsSayWhatAPartialCapturePaid(t *testing.T) {
	ta := newAdminApp(t)
	b := ta.client(t)
	b.signUp("partial@example.com")
	money := func(ref string, minor int64) string {
		return checkout.Money{Currency: ta.order(t, ref).Currency, Minor: minor}.String()
	}

	part := b.buy("teapot", "1")
	a := ta.cardAttempt(t, part, antom.CaptureManual, 14*time.Minute)
	ta.authorizeCard(t, part, a)
	ta.capture(t, part, a, 500)
	total := ta.order(t, part).Amount
	if total <= 500 {
		t.Fatalf("teapot costs %d: no partial capture", total)
	}
	whole := b.buy("teapot", "1")
	a = ta.cardAttempt(t, whole, antom.CaptureManual, 14*time.Minute)
	ta.authorizeCard(t, whole, a)
	ta.capture(t, whole, a, ta.order(t, whole).Amount)
	wallet := b.buy("mug", "1")
	ta.settle(t, wallet, ta.openAttempt(t, wallet, ta.insertWallet(t, ta.buyerID(t, "partial@example.com"), "0917****555")), db.AttemptSuccess, "SUCCESS", "PAY-"+wallet)

	mine := b.get("/orders")
	assertEqual(t, mine.status, http.StatusOK, "My orders")
	assertEqual(t, rowAmount(t, mine.body, part), money(part, 500)+" charged of "+money(part, total), "My orders: partly captured")
	assertEqual(t, rowAmount(t, mine.body, whole), money(whole, ta.order(t, whole).Amount), "My orders: captured in full")
	assertEqual(t, rowAmount(t, mine.body, wallet), money(wallet, ta.order(t, wallet).Amount), "My orders: paid by wallet")
	assertContains(t, b.get("/orders/"+part).body, "Charged "+money(part, 500)+" of the "+money(part, total)+" authorized")

	staff := ta.client(t)
	staff.staffSignIn()
	for ref, want := range map[string]string{
		part:   money(part, 500) + " of " + money(part, total),
		whole:  money(whole, ta.order(t, whole).Amount),
		wallet: money(wallet, ta.order(t, wallet).Amount),
	} {
		p := staff.get("/admin/orders?q=" + ref)
		assertEqual(t, p.status, http.StatusOK, "admin orders")
		assertEqual(t, textOf(t, html(t, p.body), "order-amount"), want, "admin list: "+ref)
	}
}

// rowAmount is the amount My orders' row of ref says.
func rowAmount(t *testing.T, body, ref string) string {
	t.Helper()
	row := html(t, body).Find(`[data-testid=order-row][data-ref="` + ref + `"]`)
	if row.Length() == 0 {
		t.Fatalf("no My orders row for %s", ref)
	}
	return spaces(row.Find("[data-testid=order-amount]").Text())
}

// spaces is s with its runs of white space one space, trimmed.
func spaces(s string) string { return strings.Join(strings.Fields(s), " ") }
