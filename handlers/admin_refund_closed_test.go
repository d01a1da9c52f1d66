package handlers

import (
	"context"
	"strings"
	"testing"

	"antom-checkout/db"
)

// A failed refund we closed ourselves (Antom had no such refund when
// asked; it never said FAIL) is not said to have never been created: the
// order page's alarm and its Refunds row say Antom may yet report it
// done, and the alarm links its lookup. Antom's own FAIL ORDER_NOT_EXIST
// keeps Antom's definite words, without the doubt or the link.
func TestOrderPageSaysWhoClosedAFailedRefund(t *testing.T) {
	ta := newAdminApp(t)
	b := ta.client(t)
	b.staffSignIn()
	ours := "Antom had no record of it the 3 times we asked: we closed it as failed ourselves, but Antom may yet report it done."
	antoms := "Antom has no record of the payment it refunds: the refund was never created."

	ref, _ := ta.paidOrder(t, "closedbyus@example.com")
	a, err := ta.DB.SuccessfulAttempt(context.Background(), ta.order(t, ref).ID)
	if err != nil {
		t.Fatal(err)
	}
	ta.refund(t, ref, a.ID, 500, db.RefundFail) // as the reconciler closes it
	d := html(t, b.get("/admin/orders/"+ref).body)
	alarm := testid(d, "refund-failed").Text()
	assertContains(t, alarm, "A failed refund leaves $5.00 owed: as far as Antom has told us, the buyer has not got this money back.",
		"Refund RF-"+ref+"-500 of $5.00 — "+ours) // not "failed.": Antom may yet make it
	assertEqual(t, textOf(t, d, "refund-words"), ours, "the Refunds row")
	assertEqual(t, testid(d, "retry-after-lookup-link").AttrOr("href", ""), "/admin/refunds/lookup?id=RF-"+ref+"-500", "the lookup")
	if strings.Contains(d.Text(), "never created") {
		t.Fatal("the order page says a refund we closed ourselves was never created")
	}

	ref, _ = ta.paidOrder(t, "antomfailed@example.com")
	a, err = ta.DB.SuccessfulAttempt(context.Background(), ta.order(t, ref).ID)
	if err != nil {
		t.Fatal(err)
	}
	ta.refund(t, ref, a.ID, 400, refundUnconfirmed)
	r, err := ta.DB.RefundByRequestID(context.Background(), "RF-"+ref+"-400")
	if err != nil {
		t.Fatal(err)
	}
	if ok, err := ta.DB.SettleRefund(context.Background(), r.ID, db.RefundProcessing, "", db.RefundFail, "ORDER_NOT_EXIST", "", db.SourceAntom, r.CreatedAt, r.CreatedAt); err != nil || !ok {
		t.Fatalf("settle refund: %v %v", ok, err)
	}
	d = html(t, b.get("/admin/orders/"+ref).body)
	assertContains(t, testid(d, "refund-failed").Text(), "A failed refund leaves $4.00 owed: the buyer has not got this money back.",
		"Refund RF-"+ref+"-400 of $4.00 failed. "+antoms)
	assertEqual(t, textOf(t, d, "refund-words"), antoms, "the Refunds row")
	if testid(d, "refund-failed-lookup").Length() != 0 || strings.Contains(d.Text(), "may yet") {
		t.Fatal("Antom's own failure is said to be in doubt")
	}
}
