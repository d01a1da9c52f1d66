package handlers

import (
	"context"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"antom-checkout/db"
)

// A refund lookup Antom answers ORDER_NOT_EXIST links back to the order
// when the refund is ours, and says plainly when no order of ours has it.
func TestAdminLookupOfARefundAntomDoesNotKnow(t *testing.T) {
	ta, f := newFakeAntomApp(t)
	f.answer = map[string]string{"inquiryRefund": `{"result":{"resultCode":"ORDER_NOT_EXIST","resultStatus":"F","resultMessage":"order not exist"}}`}
	ref, _ := ta.paidOrder(t, "payer@example.com")
	a, err := ta.DB.SuccessfulAttempt(context.Background(), ta.order(t, ref).ID)
	if err != nil {
		t.Fatal(err)
	}
	ta.refund(t, ref, a.ID, 300, db.RefundFail)
	b := ta.client(t)
	b.staffSignIn()

	p := b.post("/admin/refunds/lookup", url.Values{"id": {"RF-" + ref + "-300"}})
	assertEqual(t, p.status, http.StatusOK, "lookup of our refund")
	assertContains(t, p.body, `data-testid="lookup-not-found"`, "Antom has no refund with this id (ORDER_NOT_EXIST).",
		`href="/admin/orders/`+ref+`" data-testid="lookup-order"`)
	if strings.Contains(p.body, `data-testid="lookup-not-ours"`) {
		t.Fatal("our refund reads as none of ours")
	}

	p = b.post("/admin/refunds/lookup", url.Values{"id": {"RF-NOBODY"}})
	assertEqual(t, p.status, http.StatusOK, "lookup of an unknown refund")
	assertContains(t, p.body, `data-testid="lookup-not-found"`, `data-testid="lookup-not-ours"`, "No order of ours has a refund with this id either")
	if strings.Contains(p.body, `data-testid="lookup-order"`) {
		t.Fatal("an unknown refund links an order")
	}
}
