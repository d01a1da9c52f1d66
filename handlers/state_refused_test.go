package handlers

import (
	"context"
	"net/url"
	"testing"
	"time"

	"antom-checkout/db"
	"antom-checkout/views"
)

// A capture of an authorization that has expired is refused for where
// the order stands, not for the amount typed: 303 to the order, which
// says so once (not the capture form again with 422), and nothing is
// sent.
func TestExpiredAuthorizationCaptureIsRefusedOnTheOrder(t *testing.T) {
	ta, f := newFakeAntomApp(t)
	ref := ta.authorizedOrder(t, "expired@example.com")
	ctx := context.Background()
	a, err := ta.DB.SuccessfulAttempt(ctx, ta.order(t, ref).ID)
	if err != nil {
		t.Fatal(err)
	}
	if err := ta.DB.SetAttemptCard(ctx, a.ID, "VISA", "4242", ta.now.Add(-time.Minute), ta.now); err != nil {
		t.Fatal(err)
	}
	b := ta.client(t)
	b.staffSignIn()
	capture := "/admin/orders/" + ref + "/capture"
	b.refusedAt("/admin/orders/"+ref, capture, shownBefore(t, ta, b, capture, url.Values{"amount": {"3.00"}}),
		"The authorization expired on "+views.AdminTime(nil, ta.now.Add(-time.Minute))+" before it was captured: nothing was charged, and it can no longer be captured or voided.")
	d := html(t, b.get("/admin/orders/"+ref).body)
	if n := testid(d, "capture-form").Length() + testid(d, "void-form").Length(); n != 0 {
		t.Fatalf("%d capture or void forms on an expired authorization", n)
	}
	assertEqual(t, textOf(t, d, "order-captured"), "nothing (the authorization expired)", "what was captured")
	assertEqual(t, testid(d, "order-capture-by").Length(), 0, "no capture-by time past it")
	assertEqual(t, textOf(t, d, "order-status"), "authorization expired", "its badge, before the reconciler closes the order")
	assertEqual(t, d.Find("#capture-title").Length(), 0, "no box of capture and void")
	if n := f.count("capture"); n != 0 {
		t.Fatalf("%d captures sent to Antom", n)
	}
}

// A refund lookup while another worker is asking Antom about that refund
// (its lease is held) is refused for where things stand: 303 to the
// lookup form with the id, which says so once.
func TestLookupOfARefundBeingCheckedIsRefusedOnTheLookup(t *testing.T) {
	ta := newAdminApp(t)
	ref, _ := ta.paidOrder(t, "lookupbusy@example.com")
	ctx := context.Background()
	a, err := ta.DB.SuccessfulAttempt(ctx, ta.order(t, ref).ID)
	if err != nil {
		t.Fatal(err)
	}
	ta.refund(t, ref, a.ID, 400, db.RefundProcessing)
	r, err := ta.DB.RefundByRequestID(ctx, "RF-"+ref+"-400")
	if err != nil {
		t.Fatal(err)
	}
	if ok, err := ta.DB.ClaimLease(ctx, "refund:"+itoa(r.ID), "another-worker", ta.now, ta.now.Add(time.Minute)); err != nil || !ok {
		t.Fatalf("lease: %v %v", ok, err)
	}
	b := ta.client(t)
	b.staffSignIn()
	p := b.refusedAt("/admin/refunds/lookup?id="+url.QueryEscape(r.RefundRequestID), "/admin/refunds/lookup", url.Values{"id": {r.RefundRequestID}},
		"This is being checked with Antom right now. Try again in a moment.")
	assertContains(t, p.body, `value="`+r.RefundRequestID+`"`)
}
