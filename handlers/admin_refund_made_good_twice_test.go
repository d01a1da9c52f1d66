package handlers

import (
	"context"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"antom-checkout/db"
)

// The fresh-user trial: a $4.00 refund we closed as failed ourselves
// (Antom showed none three times) is looked up (Antom has none), then
// made good by a new $4.00 refund from the order's Refund form (a new
// refund pays the oldest unpaid failed refund first), which Antom makes;
// then Antom makes the first refund after all. The buyer got $8.00 for
// $4.00 owed. The order page says so in red, with how much beyond what
// was owed and what staff can do; the orders list badges the order, the
// refund-paid-twice filter lists it, and the dashboard counts it.
func TestAdminRefundMadeAfterANewRefundMadeItGood(t *testing.T) {
	ta, _ := newFakeAntomApp(t)
	ref, _ := ta.paidOrder(t, "made-good-twice@example.com")
	other, _ := ta.paidOrder(t, "once-only@example.com")
	ctx := context.Background()
	a, err := ta.DB.SuccessfulAttempt(ctx, ta.order(t, ref).ID)
	if err != nil {
		t.Fatal(err)
	}
	ta.refund(t, ref, a.ID, 400, db.RefundFail) // closed as failed by us: three ORDER_NOT_EXIST
	ta.lookedAbsent(t, ref, 400)
	b := ta.client(t)
	b.staffSignIn()
	p := b.post("/admin/orders/"+ref+"/refunds", url.Values{"amount": {"4.00"}, "key": {"KEYNEW"}, "confirm": {"yes"}})
	assertEqual(t, p.status, http.StatusSeeOther, "the new refund")
	made, err := ta.DB.RefundByRequestID(ctx, "RF-"+ref+"-KEYNEW")
	if err != nil {
		t.Fatal(err)
	}
	if ok, err := ta.DB.SettleRefund(ctx, made.ID, db.RefundProcessing, "", db.RefundSuccess, "SUCCESS", "REFUND-NEW", db.SourceAntom, ta.now, ta.now); err != nil || !ok {
		t.Fatalf("settle the new refund: %v %v", ok, err)
	}
	if strings.Contains(b.get("/admin/orders/"+ref).body, `data-testid="refund-paid-twice`) ||
		strings.Contains(b.get("/admin").body, `data-testid="problem-refunds-paid-twice"`) {
		t.Fatal("a refund paid twice is reported before Antom made the first")
	}

	first, err := ta.DB.RefundByRequestID(ctx, "RF-"+ref+"-400")
	if err != nil {
		t.Fatal(err)
	}
	ta.madeAfterAll(t, first) // the reconciler's late success

	page := b.get("/admin/orders/" + ref).body
	notice := between(t, page, `data-testid="refund-paid-twice-notice"`, "</div>")
	assertContains(t, notice, `Refund <span class="mono">RF-`+ref+`-400</span> of $4.00 failed (we closed it as failed) and was made good by new refund <span class="mono">RF-`+ref+`-KEYNEW</span> (a new refund pays the oldest unpaid failed refunds first), then Antom made it after all`,
		"then Antom made it after all: the buyer got $4.00 more than was meant.",
		"recover $4.00 from them (ask them to pay it back), or accept it as given.")
	assertContains(t, page, `data-testid="refund-paid-twice">Antom made this refund after new refund <span class="mono">RF-`+ref+`-KEYNEW</span> made it good: the buyer got $4.00 more than was meant.`)

	list := b.get("/admin/orders").body
	row := between(t, list, ref, "</tr>")
	assertContains(t, row, `data-testid="refund-paid-twice-badge"`)
	if strings.Contains(between(t, list, other, "</tr>"), `refund-paid-twice-badge`) {
		t.Fatal("the list badges an order without a refund paid twice")
	}
	listed := b.get("/admin/orders?status=refund-paid-twice").body
	assertContains(t, listed, ref)
	if strings.Contains(listed, other) || strings.Contains(listed, "No orders match") {
		t.Fatal("the paid-twice filter lists the wrong orders")
	}
	dash := b.get("/admin").body
	assertContains(t, dash, `<a href="/admin/orders?status=refund-paid-twice" data-testid="problem-refunds-paid-twice"><span class="count count-bad">1</span> refund made twice`)
}
