package handlers

import (
	"strings"
	"testing"

	"github.com/PuerkitoBio/goquery"
)

// The order page's notes that stand in for forms a Refund lookup would
// bring back promise only what it would: while the order cannot be
// refunded (a cancel in doubt), the lookup of a refund we closed brings
// back "Mark handled another way" and no retry, and the note names only
// that.
func TestAdminRetryNoteOnlyWhenTheLookupBringsTheRetry(t *testing.T) {
	ta := newAdminApp(t)
	guest := ta.client(t)
	staff := ta.client(t)
	staff.staffSignIn()
	ref := guest.buy("mug", "1")
	id := ta.paidWhileCancelling(t, ref, "AUTOMATIC", true) // refunds wait for the cancel
	ta.refund(t, ref, id, 100, "FAIL")                      // closed as failed by us

	d := html(t, staff.get("/admin/orders/"+ref).body)
	note := textOf(t, d, "retry-after-lookup")
	assertContains(t, note, "Until a Refund lookup says Antom has no such refund, it cannot be marked handled another way",
		"the buyer would be refunded twice")
	if strings.Contains(note, "tried again") || strings.Contains(note, "new refund") {
		t.Fatalf("the note promises a retry the lookup would not bring back: %q", note)
	}
	assertEqual(t, testid(d, "refund-after-lookup").Length(), 0, "the new-refund note while refunds wait for the cancel")

	ta.lookedAbsent(t, ref, 100)
	d = html(t, staff.get("/admin/orders/"+ref).body)
	assertEqual(t, [3]int{testid(d, "handled-form").Length(), testid(d, "retry-form").Length(), testid(d, "retry-after-lookup").Length()},
		[3]int{1, 0, 0}, "handled, retry and the note once looked up")
}

// With two refunds we closed ourselves waiting, the lookup of one does
// not bring the Refund form back: the note says both wait, and the red
// notice above it holds the lookup of each (the note repeats neither);
// once one is looked up the note names the other; once both are, the
// form is back.
func TestAdminNewRefundNoteNamesEveryLookupItWaitsFor(t *testing.T) {
	ta, _ := newFakeAntomApp(t)
	ref, _ := ta.paidOrder(t, "two-closed@example.com")
	a, err := ta.DB.SuccessfulAttempt(t.Context(), ta.order(t, ref).ID)
	if err != nil {
		t.Fatal(err)
	}
	ta.refund(t, ref, a.ID, 300, "FAIL")
	ta.refund(t, ref, a.ID, 200, "FAIL")
	b := ta.client(t)
	b.staffSignIn()
	order := "/admin/orders/" + ref
	d := html(t, b.get(order).body)
	assertContains(t, textOf(t, d, "refund-after-lookup"), "New refunds wait for the 2 refunds we closed as failed ourselves, each as the red notice above says")
	var hrefs []string
	testid(d, "retry-after-lookup-link").Each(func(_ int, s *goquery.Selection) { hrefs = append(hrefs, s.AttrOr("href", "")) })
	assertEqual(t, strings.Join(hrefs, " "), "/admin/refunds/lookup?id=RF-"+ref+"-300 /admin/refunds/lookup?id=RF-"+ref+"-200", "the lookups the red notice holds")
	assertEqual(t, testid(d, "refund-after-lookup").Find("a").Length(), 0, "links in the note")

	ta.lookedAbsent(t, ref, 300)
	d = html(t, b.get(order).body)
	assertEqual(t, testid(d, "refund-form").Length(), 0, "the Refund form with one looked up")
	assertContains(t, textOf(t, d, "refund-after-lookup"), "New refunds wait for the Refund lookup of RF-"+ref+"-200 in the red notice above")
	assertEqual(t, testid(d, "retry-after-lookup-link").AttrOr("href", ""), "/admin/refunds/lookup?id=RF-"+ref+"-200", "the lookup left")

	ta.lookedAbsent(t, ref, 200)
	d = html(t, b.get(order).body)
	assertEqual(t, [2]int{testid(d, "refund-form").Length(), testid(d, "refund-after-lookup").Length()}, [2]int{1, 0}, "the Refund form once both are looked up")
}
