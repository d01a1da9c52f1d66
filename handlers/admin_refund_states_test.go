package handlers

import (
	"context"
	"strings"
	"testing"
	"time"

	"antom-checkout/checkout"
	"antom-checkout/views"
)

// A refund we closed as failed ourselves is told truly in each of its
// states, on the order page (the red notice's lead, the refund's words,
// the one line of what waits, the note standing in for the Refund form)
// and on the dashboard: before a lookup, that it waits for one (not "Try
// a failed refund again", which is not offered); after a lookup said none, who
// looked and that it may now be made good (not "look it up first"); once
// Antom was found processing it, that, by whom and when, and that nothing
// can be made good until Antom answers or a later lookup says none — not
// that Antom had no record of it, nor that the buyer has not got the
// money "as far as Antom has told us".
func TestRefundClosedByUsToldInEachState(t *testing.T) {
	ta := newAdminApp(t)
	ctx := context.Background()
	b := ta.client(t)
	b.staffSignIn()
	ref, _ := ta.paidOrder(t, "states@example.com")
	a, err := ta.DB.SuccessfulAttempt(ctx, ta.order(t, ref).ID)
	if err != nil {
		t.Fatal(err)
	}
	ta.refund(t, ref, a.ID, 500, "FAIL") // as the reconciler closes it
	r, err := ta.DB.RefundByRequestID(ctx, "RF-"+ref+"-500")
	if err != nil {
		t.Fatal(err)
	}
	lacks := func(where, text string, words ...string) {
		t.Helper()
		for _, w := range words {
			if strings.Contains(text, w) {
				t.Fatalf("%s says %q: %s", where, w, text)
			}
		}
	}

	// Before a lookup.
	d := html(t, b.get("/admin/orders/"+ref).body)
	lead := textOf(t, d, "refund-failed-lead")
	assertContains(t, lead, "as far as Antom has told us, the buyer has not got this money back")
	assertContains(t, textOf(t, d, "retry-after-lookup"), "Until a Refund lookup says Antom has no such refund, it can be neither tried again nor marked handled another way")
	lacks("the lead before a lookup", lead, "Try a failed refund again")
	assertContains(t, textOf(t, d, "refund-words"), "but Antom may yet report it done.")
	dash := html(t, b.get("/admin").body)
	assertEqual(t, strings.Join(strings.Fields(textOf(t, dash, "problem-refunds-look-first")), " "),
		"— closed as failed by us, which Antom may yet make: it waits for a Refund lookup saying Antom has none", "the dashboard before a lookup")

	// A lookup said none.
	if ok, err := ta.DB.LookedAbsent(ctx, r.ID, "looker@example.com", ta.now); err != nil || !ok {
		t.Fatalf("looked absent: %v %v", ok, err)
	}
	d = html(t, b.get("/admin/orders/"+ref).body)
	words := textOf(t, d, "refund-words")
	assertContains(t, words, "a Refund lookup by looker@example.com on ", "found no such refund at Antom.")
	lacks("the refund's words after a lookup said none", words, "Look it up", "look it up")
	assertContains(t, textOf(t, d, "refund-failed-lead"), "Try a failed refund again")
	if testid(html(t, b.get("/admin").body), "problem-refunds-look-first").Length() != 0 {
		t.Fatal("the dashboard says a failure looked up absent waits for a lookup")
	}

	// Found processing by a later lookup.
	if ok, err := ta.DB.FoundProcessing(ctx, r.ID, "finder@example.com", ta.now); err != nil || !ok {
		t.Fatalf("found processing: %v %v", ok, err)
	}
	found := "Antom is processing it (found by finder@example.com on "
	d = html(t, b.get("/admin/orders/"+ref).body)
	words = textOf(t, d, "refund-words")
	assertContains(t, words, found, "it may yet be made, and nothing can be made good until Antom answers or a later Refund lookup says it has none.")
	lead = textOf(t, d, "refund-failed-lead")
	assertContains(t, lead, "A failed refund leaves", "but Antom is processing it (we closed it as failed ourselves): the buyer may yet get that money back.")
	lacks("the lead once found processing", lead, "as far as Antom has told us", "Try a failed refund again")
	assertContains(t, textOf(t, d, "retry-after-lookup"), "Until Antom answers or a later Refund lookup says it has none, it can be neither tried again nor marked handled another way")
	assertContains(t, textOf(t, d, "refund-after-lookup"), "New refunds wait for Antom's answer about RF-"+ref+"-500, or a later Refund lookup of it (red notice above)")
	for _, id := range []string{"retry-after-lookup", "refund-after-lookup"} {
		lacks(id+" once found processing", textOf(t, d, id), "Look it up", "offered once a Refund lookup says", "Antom had no record")
	}
	lacks("the order page once found processing", d.Text(), "Look it up", "look it up")
	assertEqual(t, strings.Join(strings.Fields(textOf(t, html(t, b.get("/admin").body), "problem-refunds-look-first")), " "),
		"— closed as failed by us, which Antom may yet make: Antom is processing it, which waits for Antom's answer or a later Refund lookup saying Antom has none",
		"the dashboard once found processing")
}

// The refund form submitted again after its refund was closed as failed
// by us says that, and where it stands (Antom may yet make it) — not
// that it failed.
func TestRefundNoticeRepeatOfOneClosedByUs(t *testing.T) {
	r := checkout.RefundInfo{Status: checkout.RefundFail, OursOnly: true, Watched: true}
	assertEqual(t, refundNotice(r, true), refundFormRepeated+" Nothing was sent again: that refund was closed as failed by us, not by Antom; "+
		"Antom may yet report it done. The order says below where it stands.", "the repeat")
	r.OursOnly, r.Watched = false, false
	assertEqual(t, refundNotice(r, true), refundFormRepeated+" Nothing was sent again: that refund failed, as the order says below.", "Antom's failure")
}

// A confirmation's caution about a refund we closed ourselves that Antom
// was found processing says that, not that Antom never showed it nor to
// ask Antom first.
func TestOursOnlyCautionOnceFoundProcessing(t *testing.T) {
	at := time.Date(2026, 12, 5, 14, 45, 15, 0, time.UTC)
	r := checkout.RefundInfo{RefundRequestID: "RF-1", Status: checkout.RefundFail, OursOnly: true, FoundProcessingAt: at}
	var m views.AdminConfirm
	oursOnlyCaution(&m, r)
	assertEqual(t, m.Caution, "We closed the refund RF-1 as failed ourselves, but Antom is processing it (found by our watch on 5\u00a0Dec\u00a02026 14:45:15\u00a0UTC): "+
		"it may yet be made, and nothing can be made good until Antom answers or a later Refund lookup says it has none. "+
		"Should Antom make it, the buyer would get this money twice.", "the caution")
}
