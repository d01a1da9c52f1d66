package handlers

import (
	"context"
	"strings"
	"testing"
	"time"

	"antom-checkout/checkout"
	"antom-checkout/db"
)

// A buyer presses "pay another way" on a MANUAL card payment as it is
// authorized: while our cancel is unanswered the page speaks of the hold
// (not of money going back); once the cancel lands (the domain releases
// the authorization: attempt CANCELLED, order OPEN) it says the card
// payment they left was cancelled with nothing charged — never that the
// shop cancelled the order — and the checkout page lets them pay.
func TestResultOfAnAuthorizationTheBuyerLeft(t *testing.T) {
	ta := newTestApp(t)
	guest := ta.client(t)
	ctx := context.Background()
	ref := guest.buy("mug", "1")
	id := ta.cardAttempt(t, ref, "MANUAL", 14*time.Minute)
	if _, err := ta.DB.MarkAbandoned(ctx, id, ta.now); err != nil {
		t.Fatal(err)
	}
	if ok, err := ta.DB.RequestCancel(ctx, id, ta.now); err != nil || !ok {
		t.Fatalf("ask cancel: %v %v", ok, err)
	}
	ta.authorizeCard(t, ref, id)

	d := html(t, guest.get("/orders/"+ref).body)
	res := testid(d, "result")
	assertEqual(t, res.AttrOr("data-status", ""), "authorized", "in doubt: state")
	assertEqual(t, res.AttrOr("data-waiting", ""), "true", "in doubt: the page waits")
	if n := testid(d, "cancel-in-doubt").Text(); !strings.Contains(n, "the hold on your card is released") || strings.Contains(n, "money goes back") {
		t.Errorf("in doubt: notice %q", n)
	}

	o := ta.order(t, ref)
	if ok, err := ta.DB.CancelPaidAttempt(ctx, id, ta.now); err != nil || !ok {
		t.Fatalf("cancel landed: %v %v", ok, err)
	}
	if ok, err := ta.DB.SetOrderStatus(ctx, o.ID, db.OrderAuthorized, db.OrderOpen, ta.now); err != nil || !ok {
		t.Fatalf("order to OPEN: %v %v", ok, err)
	}
	ta.Checkout.Hub().Publish(checkout.OrderSubject(ref))

	d = html(t, guest.get("/orders/"+ref).body)
	res = testid(d, "result")
	assertEqual(t, res.AttrOr("data-status", ""), "cancelled", "after the cancel: state")
	assertEqual(t, res.AttrOr("data-waiting", ""), "false", "after the cancel: final")
	assertEqual(t, textOf(t, d, "result-headline-text"), "Card payment cancelled", "after the cancel: headline")
	assertEqual(t, textOf(t, d, "result-detail"), "The card payment you left was cancelled. You were not charged.", "after the cancel: detail")
	c := html(t, guest.get("/checkout/"+ref).body)
	assertEqual(t, textOf(t, c, "last-attempt"), "The card payment you left was cancelled. You were not charged. Choose how to pay.", "checkout: last attempt")
	assertEqual(t, testid(c, "pay-card").Length(), 1, "checkout: pay by card offered")
}

// The cancel in doubt is ours, not the buyer's: the card page expired
// with the payment open, and it was paid or authorized just then. The
// page says so, not that the buyer chose to pay another way.
func TestCancelInDoubtAtTheCardPagesExpirySaysWhoCancelled(t *testing.T) {
	ta := newTestApp(t)
	guest := ta.client(t)
	ctx := context.Background()
	for _, c := range []struct{ mode, want string }{
		{"AUTOMATIC", "This payment went through just as we cancelled it because its card page had expired. We are checking with Antom whether the cancel took effect: if it did, the money goes back to you."},
		{"MANUAL", "This card payment was authorized just as we cancelled it because its card page had expired. We are checking with Antom whether the cancel took effect: if it did, the hold on your card is released and you can pay another way."},
	} {
		ref := guest.buy("mug", "1")
		id := ta.cardAttempt(t, ref, c.mode, 14*time.Minute)
		if ok, err := ta.DB.RequestCancel(ctx, id, ta.now); err != nil || !ok {
			t.Fatalf("ask cancel: %v %v", ok, err)
		}
		if c.mode == "MANUAL" {
			ta.authorizeCard(t, ref, id)
		} else {
			ta.settle(t, ref, id, db.AttemptSuccess, "SUCCESS", "PAY-"+ref)
		}
		d := html(t, guest.get("/orders/"+ref).body)
		if n := testid(d, "cancel-in-doubt").Text(); !strings.Contains(n, c.want) || strings.Contains(n, "chose to pay another way") {
			t.Errorf("%s: notice %q", c.mode, n)
		}
	}
}
