package handlers

import (
	"context"
	"net/http"
	"strings"
	"testing"

	"antom-checkout/db"
)

// A staff refund that failed is an open problem until staff refund
// again: the dashboard counts it and links to the orders concerned, the
// list marks them, and the order page says so.
func TestAdminSeesFailedRefunds(t *testing.T) {
	ta := newAdminApp(t)
	ref, _ := ta.paidOrder(t, "payer@example.com")
	other, _ := ta.paidOrder(t, "other@example.com")
	a, err := ta.DB.SuccessfulAttempt(context.Background(), ta.order(t, ref).ID)
	if err != nil {
		t.Fatal(err)
	}
	b := ta.client(t)
	b.staffSignIn()
	failed := `<span class="count count-bad">1</span> failed refund to make again or explain to the buyer`

	ta.refund(t, ref, a.ID, 100, db.RefundFail)
	p := b.get("/admin")
	assertEqual(t, p.status, http.StatusOK, "dashboard")
	assertContains(t, p.body, `<a href="/admin/orders?status=refund-failed" data-testid="problem-refunds-failed">`, failed)

	p = b.get("/admin/orders?status=refund-failed")
	assertEqual(t, p.status, http.StatusOK, "orders")
	assertContains(t, p.body, ref, `data-testid="refund-failed-badge"`, `<option value="refund-failed" selected>`)
	if strings.Contains(p.body, other) {
		t.Fatalf("the filter lists %s, which has no failed refund", other)
	}

	p = b.get("/admin/orders/" + ref)
	assertContains(t, p.body, `data-testid="refund-failed"`, "A refund of $1.00 failed: the buyer has not got this money back.")

	// Refunding again settles the problem.
	ta.refund(t, ref, a.ID, 200, db.RefundProcessing)
	p = b.get("/admin")
	assertContains(t, p.body, `<span class="count">0</span> failed refunds to make again`)
	p = b.get("/admin/orders/" + ref)
	if strings.Contains(p.body, `data-testid="refund-failed"`) {
		t.Fatal("the order page still reports a refund made again")
	}
}
