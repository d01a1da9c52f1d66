package handlers

import (
	"context"
	"net/http"
	"testing"

	"antom-checkout/db"
)

// A Refund lookup that finds Antom has none of a refund we closed as
// failed ourselves says what that changed — the order now offers the
// refund's Try again and Mark handled another way, and new refunds —
// and links the order, so that staff need not open it to learn it; one
// made again says an earlier lookup found the same. A refund of ours
// that failed by Antom's word changed nothing, and says nothing of it.
func TestAdminLookupSaysWhatItOffersNow(t *testing.T) {
	ta, f := newFakeAntomApp(t)
	f.answer = map[string]string{"inquiryRefund": `{"result":{"resultCode":"ORDER_NOT_EXIST","resultStatus":"F","resultMessage":"order not exist"}}`}
	ref, _ := ta.paidOrder(t, "offers@example.com")
	a, err := ta.DB.SuccessfulAttempt(context.Background(), ta.order(t, ref).ID)
	if err != nil {
		t.Fatal(err)
	}
	ta.refund(t, ref, a.ID, 300, db.RefundFail) // closed as failed by us
	b := ta.client(t)
	b.staffSignIn()
	id := "RF-" + ref + "-300"

	p := b.lookup(id)
	assertEqual(t, p.status, http.StatusOK, "the lookup")
	d := html(t, p.body)
	assertEqual(t, unspaced(textOf(t, d, "lookup-offered")), unspaced("It is one of ours, which we had closed as failed ourselves. Antom having no record of it, "+
		"it cannot be made twice, so when you asked, order "+ref+" began to offer this refund's Try again and Mark handled another way, and new refunds. Its page says what it offers now."), "what the lookup changed")
	assertEqual(t, testid(d, "lookup-go-order").AttrOr("href", ""), "/admin/orders/"+ref, "the way to the order")
	order := html(t, b.get("/admin/orders/"+ref).body)
	assertEqual(t, testid(order, "retry-form").Length()+testid(order, "handled-form").Length()+testid(order, "refund-form").Length(), 3,
		"Try again, Mark handled another way and the Refund form on the order")

	d = html(t, b.lookup(id).body)
	assertContains(t, textOf(t, d, "lookup-offered"), "an earlier lookup found Antom had no record of it either, so when you asked, order "+ref+" already offered this refund's Try again")
	assertEqual(t, testid(d, "lookup-go-order").Length(), 1, "the way to the order, looked up again")

	other, _ := ta.paidOrder(t, "antom-failed@example.com")
	oa, err := ta.DB.SuccessfulAttempt(context.Background(), ta.order(t, other).ID)
	if err != nil {
		t.Fatal(err)
	}
	ta.refund(t, other, oa.ID, 200, db.RefundFail)
	r, err := ta.DB.RefundByRequestID(context.Background(), "RF-"+other+"-200")
	if err != nil {
		t.Fatal(err)
	}
	if _, err := ta.DB.Raw().ExecContext(context.Background(), "UPDATE refunds SET final_source = ? WHERE id = ?", db.SourceAntom, r.ID); err != nil {
		t.Fatal(err)
	}
	d = html(t, b.lookup("RF-"+other+"-200").body)
	assertEqual(t, testid(d, "lookup-offered").Length()+testid(d, "lookup-go-order").Length(), 0, "news of a lookup that changed nothing")
	assertEqual(t, testid(d, "lookup-order").AttrOr("href", ""), "/admin/orders/"+other, "its order, linked")
}
