package handlers

import (
	"context"
	"fmt"
	"testing"

	"antom-checkout/checkout"
	"antom-checkout/db"
)

// An order refunded in part whose rest staff settled another way after a
// refund failed reads "Partially refunded" on its buyer's page; staff's
// orders list and order page say the same, and how the rest went back —
// never plain "refunded", which would say all of it went back through
// the payment.
func TestAdminBadgeOfARefundWhoseRestWasSettledAnotherWay(t *testing.T) {
	ta := newAdminApp(t)
	ref, _ := ta.paidOrder(t, "rest-settled@example.com")
	a, err := ta.DB.SuccessfulAttempt(context.Background(), ta.order(t, ref).ID)
	if err != nil {
		t.Fatal(err)
	}
	ta.refund(t, ref, a.ID, 200, db.RefundFail) // closed as failed by us: Antom never showed it
	ta.lookedAbsent(t, ref, 200)
	b := ta.client(t)
	b.staffSignIn()
	ta.handledByStaff(t, b, ref, 200)
	ta.refund(t, ref, a.ID, a.Amount-200, db.RefundSuccess)

	const words = "partially refunded — rest settled another way"
	r, err := ta.Checkout.OrderResult(context.Background(), checkout.Viewer{BuyerID: ta.buyerID(t, "rest-settled@example.com")}, ref)
	if err != nil {
		t.Fatal(err)
	}
	assertEqual(t, r.State+"/"+fmt.Sprint(r.RestSettled), "refunded/true", "the buyer's page: refunded, the rest settled (its badge: partially refunded)")
	assertEqual(t, textOf(t, html(t, b.get("/admin/orders/"+ref).body), "order-status"), words, "the order page's badge")
	list := html(t, b.get("/admin/orders?q="+ref).body)
	assertEqual(t, textOf(t, list, "order-status"), words, "the orders list's badge")
}
