package handlers

import (
	"context"
	"fmt"
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

// While a cancel of ours may still reverse a card payment or its
// authorization (the buyer's "pay another way", or ours at the card
// page's expiry), the headline and the detail say that we are checking,
// as the note beside them does — never "authorized, the shop takes the
// money when it ships" or "paid, thank you" — and once the doubt ends
// with the payment standing they say so again.
func TestCancelInDoubtHeadlineAgreesWithTheNote(t *testing.T) {
	ta := newTestApp(t)
	guest := ta.client(t)
	ctx := context.Background()
	for _, c := range []struct {
		mode           string
		byBuyer        bool
		head, detail   string
		after, afterOf string
	}{
		{"MANUAL", true, "Checking whether the hold on your card was released…",
			"Your card authorized ¥2,400; nothing has been taken from it. Please don't pay again until we know whether the hold is released.",
			"Card payment authorized", "Your card authorized ¥2,400. The shop takes the money when it ships your order; until then it is only held."},
		{"MANUAL", false, "Checking whether the hold on your card was released…",
			"Your card authorized ¥2,400; nothing has been taken from it. Please don't pay again until we know whether the hold is released.",
			"Card payment authorized", "Your card authorized ¥2,400. The shop takes the money when it ships your order; until then it is only held."},
		{"AUTOMATIC", true, "Checking whether your payment was cancelled…",
			"We received ¥2,400. Please don't pay again until we know whether this payment stands.",
			"Paid", "Thank you. Your order is paid: we received ¥2,400."},
		{"AUTOMATIC", false, "Checking whether your payment was cancelled…",
			"We received ¥2,400. Please don't pay again until we know whether this payment stands.",
			"Paid", "Thank you. Your order is paid: we received ¥2,400."},
	} {
		what := fmt.Sprintf("%s, by the buyer %t", c.mode, c.byBuyer)
		ref := guest.buy("matcha", "1")
		id := ta.cardAttempt(t, ref, c.mode, 14*time.Minute)
		if c.byBuyer {
			if _, err := ta.DB.MarkAbandoned(ctx, id, ta.now); err != nil {
				t.Fatal(err)
			}
		}
		if ok, err := ta.DB.RequestCancel(ctx, id, ta.now); err != nil || !ok {
			t.Fatalf("ask cancel: %v %v", ok, err)
		}
		if c.mode == "MANUAL" {
			ta.authorizeCard(t, ref, id)
		} else {
			ta.settle(t, ref, id, db.AttemptSuccess, "SUCCESS", "PAY-"+ref)
		}
		d := html(t, guest.get("/orders/"+ref).body)
		assertEqual(t, testid(d, "cancel-in-doubt").Length(), 1, what+": the note")
		assertEqual(t, textOf(t, d, "result-headline-text"), c.head, what+": headline")
		assertEqual(t, textOf(t, d, "result-detail"), c.detail, what+": detail")
		assertEqual(t, testid(d, "result-headline").Find(".spinner").Length(), 1, what+": the headline waits")

		if ok, err := ta.DB.EndCancelDoubt(ctx, id, db.CancelFail, ta.now); err != nil || !ok {
			t.Fatalf("%s: end the doubt: %v %v", what, ok, err)
		}
		d = html(t, guest.get("/orders/"+ref).body)
		assertEqual(t, testid(d, "cancel-in-doubt").Length(), 0, what+": the note, once the payment stands")
		assertEqual(t, textOf(t, d, "result-headline-text"), c.after, what+": headline, once the payment stands")
		assertEqual(t, textOf(t, d, "result-detail"), c.afterOf, what+": detail, once the payment stands")
	}
}
