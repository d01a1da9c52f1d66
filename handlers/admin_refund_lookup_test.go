package handlers

import (
	"context"
	"fmt"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"antom-checkout/checkout"
)

// A refund lookup Antom answers ORDER_NOT_EXIST links back to the order
// when the refund is ours (its id typed in any case), and says plainly
// when no order of ours has it.
func TestAdminLookupOfARefundAntomDoesNotKnow(t *testing.T) {
	ta, _, b, ref := lookupOrder(t)

	// Closed as failed by us: no retry before a lookup says Antom has none.
	d := html(t, b.get("/admin/orders/"+ref).body)
	assertEqual(t, testid(d, "retry-form").Length(), 0, "the retry before a lookup")
	assertContains(t, textOf(t, d, "retry-after-lookup"), "Until a Refund lookup says Antom has no such refund, it can be neither tried again nor marked handled another way",
		"the buyer would be refunded twice")
	assertEqual(t, testid(d, "retry-after-lookup-link").AttrOr("href", ""), "/admin/refunds/lookup?id=RF-"+ref+"-300", "the lookup it links")
	failed, err := ta.DB.RefundByRequestID(context.Background(), "RF-"+ref+"-300")
	if err != nil {
		t.Fatal(err)
	}
	key, err := checkout.NewRefundKey()
	if err != nil {
		t.Fatal(err)
	}
	before := ta.count(t, "SELECT COUNT(*) FROM refunds")
	retry, fields := fmt.Sprintf("/admin/orders/%s/refunds/%d/retry", ref, failed.ID), url.Values{"key": {key}, "owed": {"300"}}
	for _, form := range []url.Values{fields, shownBefore(t, ta, b, retry, fields)} {
		b.refusedAt("/admin/orders/"+ref, retry, form, "look it up first")
	}
	assertEqual(t, ta.count(t, "SELECT COUNT(*) FROM refunds"), before, "refunds after a retry before the lookup")

	p := b.lookup(strings.ToLower("RF-" + ref + "-300")) // typed in lower case: ours all the same
	assertEqual(t, p.status, http.StatusOK, "lookup of our refund")
	assertContains(t, p.body, `data-testid="lookup-not-found"`, "Antom has no refund with this id (ORDER_NOT_EXIST).",
		`href="/admin/orders/`+ref+`" data-testid="lookup-order"`)
	if strings.Contains(p.body, `data-testid="lookup-not-ours"`) {
		t.Fatal("our refund reads as none of ours")
	}
	d = html(t, b.get("/admin/orders/"+ref).body)
	assertEqual(t, testid(d, "retry-form").Length(), 1, "the retry once the lookup said Antom has none")
	assertEqual(t, testid(d, "retry-after-lookup").Length(), 0, "why it was not offered")
	assertContains(t, textOf(t, d, "refund-looked-absent"), "Antom had no such refund then.")

	p = b.lookup("RF-NOBODY")
	assertEqual(t, p.status, http.StatusOK, "lookup of an unknown refund")
	assertContains(t, p.body, `data-testid="lookup-not-found"`, `data-testid="lookup-not-ours"`, "No order of ours has a refund with this id either")
	if strings.Contains(p.body, `data-testid="lookup-order"`) {
		t.Fatal("an unknown refund links an order")
	}
}

// A refund lookup's id is held to 64 characters, as its error says and
// Antom's refundRequestId is (API.md §5.7), not 64 bytes: an id of 64
// characters, most of them two bytes long, is prefilled and asked of
// Antom; one of 65 is refused with the error.
func TestAdminLookupIDCountsCharacters(t *testing.T) {
	ta, f := newFakeAntomApp(t)
	f.answer = map[string]string{"inquiryRefund": `{"result":{"resultCode":"ORDER_NOT_EXIST","resultStatus":"F","resultMessage":"order not exist"}}`}
	b := ta.client(t)
	b.staffSignIn()
	id := "RF-" + strings.Repeat("é", 61) // 64 characters, 125 bytes
	d := html(t, b.get("/admin/refunds/lookup?"+url.Values{"id": {id}}.Encode()).body)
	assertEqual(t, testid(d, "lookup-id").AttrOr("value", ""), id, "the id the form is prefilled with")
	p := b.lookup(id)
	assertEqual(t, p.status, http.StatusOK, "lookup of a 64-character id")
	assertContains(t, p.body, `data-testid="lookup-not-found"`)
	keptField(t, b.lookup(id+"é"), "lookup-id", "id-error", "at most 64 characters", id+"é")
}
