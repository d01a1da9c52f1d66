package handlers

import (
	"context"
	"net/http"
	"net/url"
	"testing"
	"time"

	"github.com/PuerkitoBio/goquery"

	"antom-checkout/checkout"
	"antom-checkout/views"
)

// nestedBrackets reports the first "(" inside another "(…)" of s, as
// the text from the outer bracket on; "" when there is none.
func nestedBrackets(s string) string {
	depth, outer := 0, 0
	for i, r := range s {
		switch r {
		case '(':
			if depth == 0 {
				outer = i
			}
			depth++
			if depth > 1 {
				return s[outer:]
			}
		case ')':
			depth--
		}
	}
	return ""
}

// A failed refund's line on a refund confirmation says where a refund we
// closed ourselves stands with Antom as a sentence of its own, never in
// brackets: its words hold brackets of their own once Antom was found
// processing it ("Antom is processing it (found by … on …): …"), and
// read as brackets inside brackets there. Here on the page a real order
// renders — a refund closed by us, settled another way, then found
// processing by a staff member's lookup: a new refund may be confirmed,
// its line saying so.
func TestFailedRefundLineOnceFoundProcessingHasNoBracketsInBrackets(t *testing.T) {
	ta := newAdminApp(t)
	ctx := context.Background()
	ref, _ := ta.paidOrder(t, "found-brackets@example.com")
	a, err := ta.DB.SuccessfulAttempt(ctx, ta.order(t, ref).ID)
	if err != nil {
		t.Fatal(err)
	}
	ta.refund(t, ref, a.ID, 500, "FAIL") // closed as failed by us
	r, err := ta.DB.RefundByRequestID(ctx, "RF-"+ref+"-500")
	if err != nil {
		t.Fatal(err)
	}
	if ok, err := ta.DB.MarkRefundHandled(ctx, r.ID, "staff", "bank transfer", ta.now); err != nil || !ok {
		t.Fatalf("mark handled: %v %v", ok, err)
	}
	if ok, err := ta.DB.FoundProcessing(ctx, r.ID, "finder@example.com", ta.now); err != nil || !ok {
		t.Fatalf("found processing: %v %v", ok, err)
	}
	b := ta.client(t)
	b.staffSignIn()
	p := b.ask("/admin/orders/"+ref+"/refunds", url.Values{"amount": {"3.00"}, "key": {"KEYBRACKETS"}})
	assertEqual(t, p.status, http.StatusOK, "the confirmation")
	line := confirmRefundLine(t, html(t, p.body), "Failed")
	at := views.AdminTime(nil, ta.now)
	assertEqual(t, line, "$5.00, sent by staff on "+at+"; closed as failed by us, not by Antom; $5.00 of it settled another way. "+
		"Antom is processing it (found by finder@example.com on "+at+"): it may yet be made, "+
		"and nothing can be made good until Antom answers or a later Refund lookup says it has none.", "its line")
	if n := nestedBrackets(line); n != "" {
		t.Fatalf("brackets inside brackets: %s", n)
	}
}

// No state of a refund we closed ourselves — watched, the watch over,
// looked up absent, found processing by staff or by our watch — puts
// brackets inside brackets on its line, whatever became of it since.
func TestFailedRefundLineHasNoBracketsInBracketsInAnyState(t *testing.T) {
	usd := checkout.Money{Currency: "USD", Minor: 500}
	at := time.Date(2026, 12, 5, 9, 30, 0, 0, time.UTC)
	for _, now := range []checkout.RefundInfo{
		{Watched: true}, {WatchEndedAt: at}, {},
		{AbsentLookedAt: at, AbsentLookedBy: "ann@shop.example"},
		{FoundProcessingAt: at, FoundProcessingBy: "ann@shop.example"}, {FoundProcessingAt: at},
	} {
		for _, since := range []checkout.RefundInfo{
			{HandledAt: at, HandledAmount: usd}, {RetriedBy: "RF-2"}, {OpenFailure: true, Owed: usd}, {Automatic: true}, {},
		} {
			r := since
			r.Status, r.OursOnly, r.Amount, r.CreatedBy, r.CreatedAt = checkout.RefundFail, true, usd, "staff", at
			r.Watched, r.WatchEndedAt, r.AbsentLookedAt, r.AbsentLookedBy = now.Watched, now.WatchEndedAt, now.AbsentLookedAt, now.AbsentLookedBy
			r.FoundProcessingAt, r.FoundProcessingBy = now.FoundProcessingAt, now.FoundProcessingBy
			line := refundFact(r).Value
			if n := nestedBrackets(line); n != "" {
				t.Fatalf("brackets inside brackets in %q: %s", line, n)
			}
		}
	}
}

// The order page, with two refunds we closed ourselves waiting for a
// lookup each, one of them found processing: the red notice says that
// one is (its line), and the note standing in for the Refund form
// refers to the notice — neither with brackets inside brackets.
func TestRefundAfterLookupNoteHasNoBracketsInBrackets(t *testing.T) {
	ta := newAdminApp(t)
	ctx := context.Background()
	ref, _ := ta.paidOrder(t, "found-note@example.com")
	a, err := ta.DB.SuccessfulAttempt(ctx, ta.order(t, ref).ID)
	if err != nil {
		t.Fatal(err)
	}
	ta.refund(t, ref, a.ID, 300, "FAIL")
	ta.refund(t, ref, a.ID, 200, "FAIL")
	r, err := ta.DB.RefundByRequestID(ctx, "RF-"+ref+"-200")
	if err != nil {
		t.Fatal(err)
	}
	if ok, err := ta.DB.FoundProcessing(ctx, r.ID, "", ta.now); err != nil || !ok {
		t.Fatalf("found processing: %v %v", ok, err)
	}
	b := ta.client(t)
	b.staffSignIn()
	d := html(t, b.get("/admin/orders/"+ref).body)
	note := textOf(t, d, "refund-after-lookup")
	assertContains(t, note, "New refunds wait for the 2 refunds we closed as failed ourselves, each as the red notice above says")
	assertContains(t, testid(d, "refund-failed").Text(), "Refund RF-"+ref+"-200 of $2.00 — Antom had no record of it the 3 times we asked: we closed it as failed ourselves, "+
		"but Antom is processing it (found by our watch on "+views.AdminTime(nil, ta.now)+"): it may yet be made, and nothing can be made good until Antom answers or a later Refund lookup says it has none.")
	testid(d, "refund-failed").Find("p").Each(func(_ int, p *goquery.Selection) {
		if n := nestedBrackets(p.Text()); n != "" {
			t.Errorf("brackets inside brackets in %q: %s", p.Text(), n)
		}
	})
	if n := nestedBrackets(note); n != "" {
		t.Fatalf("brackets inside brackets: %s", n)
	}
}
