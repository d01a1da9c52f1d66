package handlers

import (
	"context"
	"fmt"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"antom-checkout/db"
	"antom-checkout/lang"
)

// An order with nothing refunded and part of it settled another way (a
// failed refund staff marked handled) reads "partly settled another way"
// everywhere, not "paid": the buyer's page and My orders (in their
// language), the admin list, its filter and the order's page. A refund
// made through Antom afterwards makes it partially refunded.
func TestPartlySettledAnotherWayIsNotPaid(t *testing.T) {
	ta := newAdminApp(t)
	buyer := ta.client(t)
	buyer.signUp("settled@example.com")
	ref := buyer.buy("coffee", "2")
	attempt := ta.openAttempt(t, ref, ta.insertWallet(t, ta.buyerID(t, "settled@example.com"), "0917****set"))
	ta.settle(t, ref, attempt, db.AttemptSuccess, "SUCCESS", "PAY-"+ref)
	ta.refund(t, ref, attempt, 700, db.RefundFail)
	ta.lookedAbsent(t, ref, 700)
	failed, err := ta.DB.RefundByRequestID(context.Background(), "RF-"+ref+"-700")
	if err != nil {
		t.Fatal(err)
	}
	staff := ta.client(t)
	staff.staffSignIn()
	p := staff.confirm(fmt.Sprintf("/admin/orders/%s/refunds/%d/handled", ref, failed.ID), url.Values{"note": {"bank transfer"}})
	assertEqual(t, p.status, http.StatusSeeOther, "marked handled")

	d := html(t, buyer.get("/orders/"+ref).body)
	assertEqual(t, testid(d, "result-status").AttrOr("data-status", ""), "partly-settled", "the buyer's state")
	assertEqual(t, textOf(t, d, "result-headline-text"), lang.For(lang.English).T("result.head_partly_settled"), "the buyer's headline")
	assertEqual(t, textOf(t, d, "result-detail"), "We received $37.00. The shop says it has settled $7.00 of it with you another way.", "the buyer's detail")
	ko, _ := buyer.getIn("/orders/"+ref, "ko")
	assertContains(t, ko.body, "일부 다른 방법으로 해결됨", "그중 ")
	mine := html(t, buyer.get("/orders").body)
	assertEqual(t, textOf(t, mine, "order-status"), "Partly settled another way", "My orders")

	assertContains(t, staff.get("/admin/orders/"+ref).body, `data-testid="order-status" data-status="partly-settled">partly settled another way<`)
	list := staff.get("/admin/orders?status=partly_settled")
	assertEqual(t, list.status, http.StatusOK, "the filter")
	assertContains(t, list.body, `<option value="partly-settled" selected>`, ref)
	if paid := staff.get("/admin/orders?status=paid").body; strings.Contains(paid, ref) {
		t.Fatal("the order is listed as paid")
	}

	ta.refund(t, ref, attempt, 100, db.RefundSuccess)
	d = html(t, buyer.get("/orders/"+ref).body)
	assertEqual(t, testid(d, "result-status").AttrOr("data-status", ""), "partially-refunded", "after a refund through Antom")
	assertContains(t, staff.get("/admin/orders?status=partially-refunded").body, ref)

	// Refunds through Antom ($30.00) and the part settled another way
	// ($7.00) give all of it back: refunded (closed) everywhere, and the
	// page says which part went which way — its badge, and My orders',
	// "Partially refunded": "Refunded" would say all of it went back
	// through the payment (trial).
	ta.refund(t, ref, attempt, 2900, db.RefundSuccess)
	d = html(t, buyer.get("/orders/"+ref).body)
	assertEqual(t, testid(d, "result-status").AttrOr("data-status", ""), "refunded", "refunded and the rest settled")
	assertEqual(t, textOf(t, d, "result-status"), "Partially refunded", "the buyer's badge")
	assertEqual(t, textOf(t, d, "result-headline-text"), lang.For(lang.English).T("result.head_refunded"), "the buyer's headline")
	assertEqual(t, textOf(t, d, "result-detail"), "$30.00 of the $37.00 you paid was refunded to you. The shop says it has settled the rest with you another way.", "the buyer's detail")
	assertContains(t, textOf(t, d, "refund-handled"), "A refund of $7.00 could not be made through your payment.")
	mine = html(t, buyer.get("/orders").body)
	assertEqual(t, textOf(t, mine, "order-status"), "Partially refunded", "My orders")
	assertContains(t, staff.get("/admin/orders/"+ref).body, `data-testid="order-status" data-status="refunded">partially refunded — rest settled another way<`)
	assertContains(t, staff.get("/admin/orders?status=refunded").body, ref)
	if part := staff.get("/admin/orders?status=partially-refunded").body; strings.Contains(part, ref) {
		t.Fatal("the order is listed as partially refunded")
	}
}
