package handlers

import (
	"context"
	"net/http"
	"strings"
	"testing"

	"antom-checkout/db"
)

// The dashboard's automatic refunds of orders paid twice link to the
// orders filter that lists those orders: the order whose second payment
// was refunded automatically, not one with a staff refund only.
func TestAutomaticRefundsLinkTheirOrders(t *testing.T) {
	ta := newAdminApp(t)
	ctx := context.Background()
	twice, _ := ta.paidOrder(t, "twice@example.com")
	staff, _ := ta.paidOrder(t, "staff@example.com")
	for _, r := range []struct {
		ref       string
		automatic bool
	}{{twice, true}, {staff, false}} {
		a, err := ta.DB.SuccessfulAttempt(ctx, ta.order(t, r.ref).ID)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := ta.DB.InsertRefund(ctx, db.Refund{OrderID: a.OrderID, AttemptID: a.ID, RefundRequestID: "RF-" + r.ref + "-1",
			Currency: a.Currency, Amount: a.Amount, Status: db.RefundProcessing, NextCheckAt: ta.now, CreatedAt: ta.now, Automatic: r.automatic}); err != nil {
			t.Fatal(err)
		}
	}
	b := ta.client(t)
	b.staffSignIn()
	d := html(t, b.get("/admin").body)
	link := testid(d, "auto-refunds-link")
	assertEqual(t, link.AttrOr("href", ""), "/admin/orders?status=auto-refunded", "the automatic refunds' link")
	assertEqual(t, strings.Join(strings.Fields(link.Text()), " "), "1 automatic refund of an order paid twice (1 not done yet)", "the line")

	p := b.get("/admin/orders?status=auto-refunded")
	assertEqual(t, p.status, http.StatusOK, "the filter")
	assertContains(t, p.body, twice, `<option value="auto-refunded" selected>Paid twice (an automatic refund of the second payment: made, processing or failed)</option>`)
	if strings.Contains(p.body, staff) {
		t.Fatalf("the filter lists %s, an order with a staff refund only", staff)
	}
}
