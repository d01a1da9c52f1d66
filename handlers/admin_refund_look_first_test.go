package handlers

import (
	"context"
	"fmt"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"antom-checkout/checkout"
	"antom-checkout/db"
)

// A refund we closed as failed ourselves may yet be made by Antom: until a
// Refund lookup says Antom has no such refund, nothing that makes it good
// is offered or done — neither trying it again, nor marking it handled
// another way, nor a new refund of the order (which could count towards making
// it good). The order page says why in their place and links the lookup;
// the first POSTs, the confirmations' own addresses (GET) and the
// confirmed POSTs all go back to the order with why, and nothing is sent
// to Antom, stored or put on the timeline. Once the lookup says Antom has
// none, the forms are offered.
func TestAdminNothingPaysARefundClosedByUsTwice(t *testing.T) {
	ta, f := newFakeAntomApp(t)
	ref, _ := ta.paidOrder(t, "look-first@example.com")
	a, err := ta.DB.SuccessfulAttempt(context.Background(), ta.order(t, ref).ID)
	if err != nil {
		t.Fatal(err)
	}
	ta.refund(t, ref, a.ID, 300, db.RefundFail) // closed as failed by us: Antom never showed it
	failed, err := ta.DB.RefundByRequestID(context.Background(), "RF-"+ref+"-300")
	if err != nil {
		t.Fatal(err)
	}
	b := ta.client(t)
	b.staffSignIn()
	order := "/admin/orders/" + ref
	lookup := "/admin/refunds/lookup?id=RF-" + ref + "-300"

	d := html(t, b.get(order).body)
	assertEqual(t, testid(d, "refund-form").Length(), 0, "the Refund form before a lookup")
	assertContains(t, textOf(t, d, "refund-after-lookup"), "New refunds wait for the Refund lookup of RF-"+ref+"-300 in the red notice above",
		"a new refund could count towards making it good", "the buyer could be refunded twice")
	assertEqual(t, testid(d, "handled-form").Length(), 0, "the handled form before a lookup")
	assertEqual(t, testid(d, "retry-after-lookup").Find("p").Text(), "Until a Refund lookup says Antom has no such refund, it can be neither tried again nor "+
		"marked handled another way, and no new refund can be made: if Antom made it after all, the buyer would be refunded twice.", "what waits, once")
	assertEqual(t, testid(d, "retry-after-lookup-link").AttrOr("href", ""), lookup, "the lookup it links")
	// Said once: the red notice has one lookup of it and one sentence of
	// what waits; the Refund box and the lead refer to it, the refund's
	// words say how it stands, and nothing says "look it up" again.
	assertEqual(t, testid(d, "refund-failed").Find(`a[href="`+lookup+`"]`).Length(), 1, "lookups of it in the red notice")
	assertEqual(t, testid(d, "refund-after-lookup").Find("a").Length(), 0, "links in the Refund box")
	for _, again := range []string{"look it up", "until a refund lookup", "no new refund can be made"} {
		if n := strings.Count(strings.ToLower(d.Find("main").Text()), again); n > 1 || again == "look it up" && n > 0 {
			t.Errorf("the page says %q %d times", again, n)
		}
	}
	assertEqual(t, textOf(t, d, "order-refundable"), "$37.00, but new refunds wait for the lookup of the refund we closed", "what is refundable")

	key, err := checkout.NewRefundKey()
	if err != nil {
		t.Fatal(err)
	}
	handled := fmt.Sprintf("%s/refunds/%d/handled", order, failed.ID)
	counts := func() [3]int {
		return [3]int{ta.count(t, "SELECT COUNT(*) FROM refunds"), ta.count(t, "SELECT COUNT(*) FROM events"),
			ta.count(t, "SELECT COUNT(*) FROM refunds WHERE handled_at != ''")}
	}
	before := counts()
	refund, note := url.Values{"amount": {"3.00"}, "key": {key}}, url.Values{"note": {"bank transfer"}}
	for _, shown := range []bool{false, true} {
		if shown {
			refund, note = shownBefore(t, ta, b, order+"/refunds", refund), shownBefore(t, ta, b, handled, note)
		}
		b.refusedAt(order, order+"/refunds", refund,
			"A new refund can be made once the lookup says Antom has no such refund")
		b.refusedAt(order, handled, note,
			"It can be marked handled another way once the lookup says Antom has no such refund")
	}
	// The confirmations' own addresses, opened as a bookmark or Back would.
	for _, at := range []struct{ path, want string }{
		{signedConfirmation(t, ta, b, order+"/refunds", url.Values{"amount": {"3.00"}, "key": {key}}), "A new refund can be made once the lookup"},
		{signedConfirmation(t, ta, b, handled, url.Values{"note": {"bank transfer"}}), "It can be marked handled another way once the lookup"},
	} {
		p := b.get(at.path)
		if p.status != http.StatusSeeOther || !namesNotice(p.location, order) {
			t.Fatalf("GET %s: %d %q, want 303 to the order", at.path, p.status, p.location)
		}
		assertContains(t, b.get(p.location).body, at.want)
	}
	assertEqual(t, counts(), before, "refunds, timeline lines and handled refunds after the refusals")
	assertEqual(t, f.count("refund"), 0, "refunds sent to Antom")

	ta.lookedAbsent(t, ref, 300)
	d = html(t, b.get(order).body)
	assertEqual(t, testid(d, "refund-form").Length(), 1, "the Refund form once looked up")
	assertEqual(t, testid(d, "handled-form").Length(), 1, "the handled form once looked up")
	assertEqual(t, testid(d, "refund-after-lookup").Length()+testid(d, "retry-after-lookup").Length(), 0, "why they were not offered")
	assertEqual(t, textOf(t, d, "order-refundable"), "$37.00", "what is refundable once looked up")
	p := b.ask(order+"/refunds", url.Values{"amount": {"3.00"}, "key": {key}})
	assertEqual(t, p.status, http.StatusOK, "the refund's confirmation once looked up")
	p = b.ask(handled, url.Values{"note": {"bank transfer"}})
	assertEqual(t, p.status, http.StatusOK, "the handled confirmation once looked up")
}
