package handlers

import (
	"context"
	"net/http"
	"testing"
	"time"

	"antom-checkout/antom"
	"antom-checkout/db"
)

// "Pay another way" pressed on a result page left open after the card
// payment had ended (another tab finished it, or Antom settled it): nothing
// is sent to Antom, and the buyer lands on the result page, which says why
// nothing was cancelled — once, beside the card as it is. A card payment
// that was cancelled (or an order never paid) leads to checkout as before.
func TestPayAnotherWayOnAPageLeftOpen(t *testing.T) {
	ta, f := newFakeAntomApp(t)
	guest := ta.client(t)
	ctx := context.Background()
	for _, c := range []struct {
		what   string
		settle func(ref string, id int64)
		status string
		notice string
	}{
		{"paid", func(ref string, id int64) { ta.settle(t, ref, id, db.AttemptSuccess, "SUCCESS", "PAY-"+ref) }, "paid",
			"Nothing was cancelled: this card payment had already gone through before you chose to pay another way. This order is paid; you need not pay again."},
		{"authorized", func(ref string, id int64) { ta.authorizeCard(t, ref, id) }, "authorized",
			"Nothing was cancelled: this card payment had already been authorized before you chose to pay another way. You need not pay again; the shop takes the money when it ships your order."},
		{"expired", func(ref string, id int64) {
			ta.authorizeCard(t, ref, id)
			if ok, err := ta.DB.SetOrderStatus(ctx, ta.order(t, ref).ID, db.OrderAuthorized, db.OrderExpired, ta.now); err != nil || !ok {
				t.Fatalf("order to EXPIRED: %v %v", ok, err)
			}
		}, "expired",
			"Nothing was cancelled: this card payment had already ended before you chose to pay another way. This page shows how it ended."},
	} {
		ref := guest.buy("matcha", "1")
		mode := antom.CaptureAutomatic
		if c.status == "authorized" || c.status == "expired" {
			mode = antom.CaptureManual
		}
		id := ta.cardAttempt(t, ref, mode, 14*time.Minute)
		old := guest.get("/orders/" + ref) // the tab left open
		assertEqual(t, testid(html(t, old.body), "leave-card-page").Length(), 1, c.what+": the page offers to pay another way")
		c.settle(ref, id)

		p := guest.post("/orders/"+ref+"/pay-another-way", nil)
		assertEqual(t, p.status, http.StatusSeeOther, c.what+": answered")
		assertEqual(t, resultAt(p.location), "/orders/"+ref, c.what+": to the result page")
		d := html(t, guest.get(p.location).body)
		assertEqual(t, testid(d, "result").AttrOr("data-status", ""), c.status, c.what+": state")
		assertEqual(t, textOf(t, d, "result-notice"), c.notice, c.what+": why nothing was cancelled")
		assertEqual(t, testid(html(t, guest.get(p.location).body), "result-notice").Length(), 0, c.what+": the notice shows once")
	}
	if n := f.count("inquiryPayment") + f.count("cancel"); n != 0 {
		t.Fatalf("%d calls sent to Antom for payments already settled", n)
	}

	// Cancelled or failed before the press: checkout, which is what the
	// buyer asked for (nothing to explain, nothing to press again).
	for _, c := range []struct{ status, code string }{{db.AttemptCancelled, "ORDER_IS_CANCELED"}, {db.AttemptFail, "USER_BALANCE_NOT_ENOUGH"}} {
		ref := guest.buy("matcha", "1")
		id := ta.cardAttempt(t, ref, antom.CaptureAutomatic, 14*time.Minute)
		ta.settle(t, ref, id, c.status, c.code, "")
		p := guest.post("/orders/"+ref+"/pay-another-way", nil)
		assertEqual(t, p.location, "/checkout/"+ref, c.status+": to checkout")
	}
}
