package handlers

import (
	"context"
	"net/http"
	"net/url"
	"strings"
	"testing"
)

// A payment's id pasted into the refund lookup — the paymentRequestId or
// the paymentId of one of our payments, copied from the order's page —
// asks Antom nothing and sends staff to that order, whose note says what
// the id is and where its refunds are (none, one, several); an id we do
// not know is asked of Antom as before and, unknown there too, says so.
func TestAdminLookupOfAPaymentsIDGoesToItsOrder(t *testing.T) {
	ta, f := newFakeAntomApp(t)
	f.answer = map[string]string{"inquiryRefund": `{"result":{"resultCode":"ORDER_NOT_EXIST","resultStatus":"F","resultMessage":"order not exist"}}`}
	ref, _ := ta.paidOrder(t, "pasted.payment@example.com")
	a, err := ta.DB.SuccessfulAttempt(context.Background(), ta.order(t, ref).ID)
	if err != nil {
		t.Fatal(err)
	}
	b := ta.client(t)
	b.staffSignIn()
	order := "/admin/orders/" + ref
	saidOf := func(typed, id, what, where string) {
		t.Helper()
		p := b.post("/admin/refunds/lookup", url.Values{"id": {" " + typed + " "}})
		got := pageNotices(t, b, noticed(t, p, order))
		assertEqual(t, strings.Join(got, "\n"), "note: You looked up "+id+", "+what+", not a refund's id, so Antom was not asked. "+
			"Refund lookup takes a refundRequestId or a refundId: "+where, "the order's note")
	}
	said := func(id, kind, where string) {
		t.Helper()
		saidOf(id, id, "the "+kind+" of a payment of this order", where)
	}
	saidOf(ref, ref, "this order's ref", "this order has no refunds.")
	saidOf(fullWidth(ref), ref, "this order's ref", "this order has no refunds.")
	saidOf(strings.ToLower(ref), ref, "this order's ref", "this order has no refunds.")
	saidOf(strings.ToLower(a.PaymentRequestID), a.PaymentRequestID, "the paymentRequestId of a payment of this order", "this order has no refunds.")
	said(a.PaymentRequestID, "paymentRequestId", "this order has no refunds.")
	said("PAY-"+ref, "paymentId", "this order has no refunds.")
	made := b.confirm(order+"/refunds", url.Values{"amount": {"5.00"}, "key": {"KEYONE"}})
	assertEqual(t, made.status, http.StatusSeeOther, "a refund")
	said(a.PaymentRequestID, "paymentRequestId", "this order's refund is listed below, with its own Ask Antom.")
	made = b.confirm(order+"/refunds", url.Values{"amount": {"2.00"}, "key": {"KEYTWO"}})
	assertEqual(t, made.status, http.StatusSeeOther, "another refund")
	said("PAY-"+ref, "paymentId", "this order's 2 refunds are listed below, each with its own Ask Antom.")
	assertEqual(t, f.count("inquiryRefund"), 0, "refund inquiries for a payment's ids")

	p := b.lookup("PAY-NOBODY-KNOWS")
	assertEqual(t, p.status, http.StatusOK, "lookup of an id nobody knows")
	assertContains(t, p.body, `data-testid="lookup-not-ours"`, "No order of ours has a refund with this id either")
	if f.count("inquiryRefund") == 0 {
		t.Fatal("an id we do not know was not asked of Antom")
	}
}

// fullWidth is s with its ASCII letters, digits and hyphens full-width,
// as an input method in CJK may type them.
func fullWidth(s string) string {
	return strings.Map(func(r rune) rune {
		if r >= '!' && r <= '~' {
			return r - '!' + '！'
		}
		return r
	}, s)
}
