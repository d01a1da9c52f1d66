package handlers

import (
	"context"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/PuerkitoBio/goquery"

	"antom-checkout/checkout"
	"antom-checkout/db"
	"antom-checkout/lang"
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
	id := ta.paidWhileCancelling(t, ref, "MANUAL", true)

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
		{"AUTOMATIC", "We asked Antom to cancel this payment because its card page had expired, but the payment went through. We are checking with Antom whether the cancel took effect: if it did, the money goes back to you."},
		{"MANUAL", "We asked Antom to cancel this card payment because its card page had expired, but the payment was authorized. We are checking with Antom whether the cancel took effect: if it did, the hold on your card is released and you can pay another way."},
	} {
		ref := guest.buy("mug", "1")
		id := ta.cardAttempt(t, ref, c.mode, 14*time.Minute)
		if ok, err := ta.DB.RequestCancel(ctx, id, "", ta.now); err != nil || !ok {
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
		{"MANUAL", true, lang.For(lang.English).T("result.head_hold_in_doubt"),
			"Your card authorized ¥2,400; nothing has been taken from it. Please don't pay again until we know whether the hold is released.",
			lang.For(lang.English).T("result.head_authorized"), "Your card authorized ¥2,400. The shop takes the money when it ships your order; until then it is only held."},
		{"MANUAL", false, lang.For(lang.English).T("result.head_hold_in_doubt"),
			"Your card authorized ¥2,400; nothing has been taken from it. Please don't pay again until we know whether the hold is released.",
			lang.For(lang.English).T("result.head_authorized"), "Your card authorized ¥2,400. The shop takes the money when it ships your order; until then it is only held."},
		{"AUTOMATIC", true, lang.For(lang.English).T("result.head_paid_in_doubt"),
			"We received ¥2,400. Please don't pay again until we know whether this payment stands.",
			"Thank you for your order", "Your order is paid: we received ¥2,400."},
		{"AUTOMATIC", false, lang.For(lang.English).T("result.head_paid_in_doubt"),
			"We received ¥2,400. Please don't pay again until we know whether this payment stands.",
			"Thank you for your order", "Your order is paid: we received ¥2,400."},
	} {
		what := fmt.Sprintf("%s, by the buyer %t", c.mode, c.byBuyer)
		ref := guest.buy("matcha", "1")
		id := ta.paidWhileCancelling(t, ref, c.mode, c.byBuyer)
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

// An order whose card payment was cancelled after it went through — the
// authorization released (MANUAL), or the money given back (AUTOMATIC) —
// is open again: its buyer reads "Not paid yet", and staff read the
// order as open and awaiting payment (the list, its filter's option and
// the order's page), never plain "cancelled"; the attempt's row says
// what happened to the payment.
func TestStaffReadAnOrderWhosePaymentWasCancelledAsOpen(t *testing.T) {
	ta := newAdminApp(t)
	guest := ta.client(t)
	staff := ta.client(t)
	staff.staffSignIn()
	ctx := context.Background()
	for _, c := range []struct{ mode, row, rowWords string }{
		{"MANUAL", "attempt-released", "after it was authorized: the hold was released, nothing was taken"},
		{"AUTOMATIC", "attempt-returned", "after payment: the money went back"},
	} {
		ref := guest.buy("mug", "1")
		id := ta.paidWhileCancelling(t, ref, c.mode, true)
		from := db.OrderAuthorized
		if c.mode == "AUTOMATIC" {
			from = db.OrderPaid
		}
		if ok, err := ta.DB.CancelPaidAttempt(ctx, id, ta.now); err != nil || !ok {
			t.Fatalf("cancel landed: %v %v", ok, err)
		}
		if ok, err := ta.DB.SetOrderStatus(ctx, ta.order(t, ref).ID, from, db.OrderOpen, ta.now); err != nil || !ok {
			t.Fatalf("order to OPEN: %v %v", ok, err)
		}

		assertEqual(t, textOf(t, html(t, guest.get("/orders/"+ref).body), "result-status"), "Not paid yet", c.mode+": the buyer's badge")
		const open = "open — awaiting payment (last payment cancelled)"
		list := html(t, staff.get("/admin/orders?status=cancelled").body)
		row := list.Find(`[data-testid=order-row]`).FilterFunction(func(_ int, r *goquery.Selection) bool {
			return r.Find(`[data-testid=order-link]`).Text() == ref
		}).Find(`[data-testid=order-status]`)
		assertEqual(t, strings.TrimSpace(row.Text()), open, c.mode+": the list's badge")
		assertEqual(t, strings.TrimSpace(list.Find(`option[value="cancelled"]`).Text()), "Open — awaiting payment (last payment cancelled)", c.mode+": the filter's option")
		page := html(t, staff.get("/admin/orders/"+ref).body)
		assertEqual(t, textOf(t, page, "order-status"), open, c.mode+": the order's badge")
		assertEqual(t, textOf(t, page, c.row), c.rowWords, c.mode+": the attempt's row")
		assertEqual(t, textOf(t, page, "attempt-left"), "the buyer chose to pay another way", c.mode+": the attempt's row says why")
	}
}

// paidWhileCancelling makes a card payment of order ref in capture mode
// ("MANUAL" or "AUTOMATIC") that went through — authorized or paid —
// while a cancel of ours was under way, the buyer's when byBuyer (they
// chose to pay another way) else ours: its cancel is IN_DOUBT. It
// returns the attempt's id.
func (ta *testApp) paidWhileCancelling(t *testing.T, ref, mode string, byBuyer bool) int64 {
	t.Helper()
	ctx := context.Background()
	id := ta.cardAttempt(t, ref, mode, 14*time.Minute)
	if byBuyer {
		if _, err := ta.DB.MarkAbandoned(ctx, id, ta.now); err != nil {
			t.Fatal(err)
		}
	}
	if ok, err := ta.DB.RequestCancel(ctx, id, "", ta.now); err != nil || !ok {
		t.Fatalf("ask cancel: %v %v", ok, err)
	}
	if mode == "MANUAL" {
		ta.authorizeCard(t, ref, id)
	} else {
		ta.settle(t, ref, id, db.AttemptSuccess, "SUCCESS", "PAY-"+ref)
	}
	return id
}
