package checkout

import (
	"errors"
	"testing"
	"time"

	"antom-checkout/antom"
	"antom-checkout/antom/sandbox"
	"antom-checkout/db"
)

// result reads the buyer's result page facts.
func (e *env) result(v Viewer, ref string) Result {
	e.t.Helper()
	r, err := e.svc.OrderResult(e.ctx, v, ref)
	check(e.t, err)
	return r
}

// A buyer who left the hosted card page sees it to continue on, or pays
// another way: the open payment is cancelled at Antom first, and only
// then may a new one start.
func TestPayAnotherWayCancelsTheOpenCardPayment(t *testing.T) {
	e := newEnv(t, Options{})
	b := e.buyer("left@example.com")
	v := Viewer{BuyerID: b.ID}
	o := e.order(b, "mug", 1)
	cp, paymentID := e.startCard(v, o.Ref, false, 0)

	// Back from the card page without paying (the return inquires).
	check(t, e.returnFrom(e.ctx, v, o.Ref))
	r := e.result(v, o.Ref)
	assertEqual(t, r.State, ResultCardPage, "state after leaving the card page")
	assertEqual(t, r.CardPageURL, cp.RedirectURL, "continue on the same card page")
	if !r.Waiting() {
		t.Fatal("the page does not wait for the card page's result")
	}
	if _, err := e.svc.PayByCard(e.ctx, v, o.Ref, "", false, 0, nil, antom.Env{}); !errors.Is(err, ErrPaymentInProgress) {
		t.Fatalf("a second payment while the first is open: %v", err)
	}

	got, err := e.svc.PayAnotherWay(e.ctx, v, o.Ref)
	check(t, err)
	assertEqual(t, got.Status, db.OrderOpen, "order after paying another way")
	a := e.attempt(o.Ref)
	assertEqual(t, a.Status, db.AttemptCancelled, "the left attempt")
	p, err := e.sb.Payment(e.ctx, paymentID)
	check(t, err)
	assertEqual(t, p.Status, antom.PaymentCancelled, "the payment at Antom")
	if err := e.sb.PayCard(e.ctx, paymentID, "4242424242424242"); !errors.Is(err, sandbox.ErrPaymentNotProcessing) {
		t.Fatalf("the cancelled card page still takes a card: %v", err)
	}
	r = e.result(v, o.Ref)
	if r.State != ResultCancelled || !r.BuyerCancelled {
		t.Fatalf("result after paying another way: %s, buyer cancelled %v", r.State, r.BuyerCancelled)
	}
	// The buyer's choice is no failed payment: the success rate leaves
	// the attempt out.
	rate := func() [2]int {
		t.Helper()
		d, err := e.svc.AdminDashboard(e.ctx)
		check(t, err)
		return [2]int{d.Succeeded, d.Final}
	}
	assertEqual(t, rate(), [2]int{0, 0}, "successful and final attempts after paying another way")

	// A new payment now goes through.
	_, paymentID = e.startCard(v, o.Ref, false, 0)
	check(t, e.sb.PayCard(e.ctx, paymentID, "5555555555554444"))
	e.waitOrder(b, o.Ref, db.OrderPaid)
	assertEqual(t, e.result(v, o.Ref).Payment.CardLabel, "Mastercard •••• 4444", "the card that paid")
	assertEqual(t, rate(), [2]int{1, 1}, "successful and final attempts once paid the other way")
}

// A buyer who did pay on the card page, whose news is late, is not undone
// by "pay another way": the inquiry settles the payment first.
func TestPayAnotherWayAfterPayingSettlesThePayment(t *testing.T) {
	e := newEnv(t, Options{})
	e.sb.Faults().SetNotify(sandbox.NotifyFault{DropNext: 100})
	b := e.buyer("paid-anyway@example.com")
	v := Viewer{BuyerID: b.ID}
	o := e.order(b, "coffee", 1)
	_, paymentID := e.startCard(v, o.Ref, false, 0)
	check(t, e.sb.PayCard(e.ctx, paymentID, "4242424242424242"))
	assertEqual(t, e.attempt(o.Ref).Status, db.AttemptProcessing, "before any news")

	got, err := e.svc.PayAnotherWay(e.ctx, v, o.Ref)
	check(t, err)
	assertEqual(t, got.Status, db.OrderPaid, "order")
	p, err := e.sb.Payment(e.ctx, paymentID)
	check(t, err)
	assertEqual(t, p.Status, antom.PaymentSuccess, "the payment at Antom")
	assertEqual(t, e.sb.Calls("payments/cancel"), 0, "cancels sent")
	if r := e.result(v, o.Ref); r.State != ResultPaid || !r.LeftButPaid {
		t.Fatalf("buyer's page: state %s, says the payment went through first %v", r.State, r.LeftButPaid)
	}
}

// While Antom does not confirm the cancel, the order stays closed to a
// new payment and says so; the buyer may ask again (not too often), and
// the reconciler keeps trying.
func TestPayAnotherWayWhileTheCancelIsUnknown(t *testing.T) {
	e := newEnv(t, Options{})
	b := e.buyer("unsure@example.com")
	v := Viewer{BuyerID: b.ID}
	o := e.order(b, "notebook", 1)
	_, paymentID := e.startCard(v, o.Ref, false, 0)
	e.sb.Faults().SetAPI("payments/cancel", sandbox.APIFault{UnknownNext: 2 * cancelTries})

	if _, err := e.svc.PayAnotherWay(e.ctx, v, o.Ref); !errors.Is(err, ErrCancelNotConfirmed) {
		t.Fatalf("cancel answered U: %v", err)
	}
	a := e.attempt(o.Ref)
	if a.Status != db.AttemptProcessing || a.CancelStatus != db.CancelProcessing {
		t.Fatalf("attempt after an unknown cancel: %s, cancel %q", a.Status, a.CancelStatus)
	}
	r := e.result(v, o.Ref)
	assertEqual(t, r.State, ResultCancelling, "state while the cancel is unknown")
	assertEqual(t, r.CardPageURL, "", "no card page to continue on once its cancel was asked")
	if _, err := e.svc.PayByCard(e.ctx, v, o.Ref, "", false, 0, nil, antom.Env{}); !errors.Is(err, ErrPaymentInProgress) {
		t.Fatalf("a new payment before the cancel is confirmed: %v", err)
	}
	if _, err := e.svc.PayAnotherWay(e.ctx, v, o.Ref); !errors.Is(err, ErrTooSoon) {
		t.Fatalf("asking again at once: %v", err)
	}

	// A few seconds later the buyer asks again; Antom still does not answer.
	e.later(manualCheckEvery + time.Second)
	if _, err := e.svc.PayAnotherWay(e.ctx, v, o.Ref); !errors.Is(err, ErrCancelNotConfirmed) {
		t.Fatalf("asking again, cancel still U: %v", err)
	}
	assertEqual(t, e.sb.Calls("payments/cancel"), 2*cancelTries, "cancels sent")

	// Antom answers again: the reconciler's next look cancels it.
	e.later(time.Minute)
	check(t, e.svc.checkAttempts(e.ctx))
	assertEqual(t, e.attempt(o.Ref).Status, db.AttemptCancelled, "attempt after the reconciler")
	p, err := e.sb.Payment(e.ctx, paymentID)
	check(t, err)
	assertEqual(t, p.Status, antom.PaymentCancelled, "the payment at Antom")
	assertEqual(t, e.result(v, o.Ref).State, ResultCancelled, "state")
}

// Only a hosted card page can be left: a wallet payment being confirmed
// is not cancelled by the buyer.
func TestPayAnotherWayOnlyLeavesACardPage(t *testing.T) {
	e := newEnv(t, Options{})
	b := e.buyer("wallet-wait@example.com")
	v := Viewer{BuyerID: b.ID}
	o := e.order(b, "coldbrew", 1)
	w := e.linkedWallet(b, "GCASH", user(t, "GCASH"))
	e.sb.Faults().SetAPI("payments/pay", sandbox.APIFault{UnknownNext: payTries})
	_, err := e.svc.PayWithWallet(e.ctx, b.ID, o.Ref, w, antom.Env{})
	check(t, err)
	assertEqual(t, e.result(v, o.Ref).State, ResultProcessing, "state")
	if _, err := e.svc.PayAnotherWay(e.ctx, v, o.Ref); !errors.Is(err, ErrPaymentInProgress) {
		t.Fatalf("leaving a wallet payment: %v", err)
	}
	assertEqual(t, e.attempt(o.Ref).CancelStatus, "", "cancel asked")
	if _, err := e.svc.PayAnotherWay(e.ctx, Viewer{BuyerID: b.ID + 1}, o.Ref); !errors.Is(err, ErrNotFound) {
		t.Fatalf("someone else's order: %v", err)
	}
}

// Past its expiry the card page is no longer offered to continue on.
func TestExpiredCardPageIsNotOffered(t *testing.T) {
	e := newEnv(t, Options{})
	b := e.buyer("late@example.com")
	v := Viewer{BuyerID: b.ID}
	o := e.order(b, "mug", 1)
	e.startCard(v, o.Ref, false, 0)
	e.later(hostedPayExpiry + time.Second)
	r := e.result(v, o.Ref)
	assertEqual(t, r.State, ResultCardPage, "state")
	assertEqual(t, r.CardPageURL, "", "an expired card page")
}

// A buyer chose to pay another way, our cancel went unanswered, and the
// buyer paid on the card page after all: once Antom has made the payment
// the cancel is not sent again, even before Antom's notification reaches
// us — a resend first asks inquiryPayment and finds it paid. The payment
// stands, its cancel in doubt (an unanswered send may have landed), as
// when the notification comes first.
func TestCancelResendAsksFirstAndSparesAPayment(t *testing.T) {
	e := newEnv(t, Options{})
	b := e.buyer("paid-anyway@example.com")
	v := Viewer{BuyerID: b.ID}
	o := e.order(b, "notebook", 1)
	_, paymentID := e.startCard(v, o.Ref, false, 0)
	e.sb.Faults().SetAPI("payments/cancel", sandbox.APIFault{UnknownNext: cancelTries})
	e.sb.Faults().SetNotify(sandbox.NotifyFault{DropNext: 100})
	if _, err := e.svc.PayAnotherWay(e.ctx, v, o.Ref); !errors.Is(err, ErrCancelNotConfirmed) {
		t.Fatalf("cancel answered U: %v", err)
	}
	check(t, e.sb.PayCard(e.ctx, paymentID, "4242424242424242"))
	cancels := e.sb.Calls("payments/cancel")

	e.later(time.Minute)
	check(t, e.svc.checkAttempts(e.ctx))
	assertEqual(t, e.sb.Calls("payments/cancel"), cancels, "cancels sent once Antom had made the payment")
	a := e.attempt(o.Ref)
	if a.Status != db.AttemptSuccess || a.CancelStatus != db.CancelInDoubt {
		t.Fatalf("attempt: %s, cancel %q", a.Status, a.CancelStatus)
	}
	p, err := e.sb.Payment(e.ctx, paymentID)
	check(t, err)
	assertEqual(t, p.Status, antom.PaymentSuccess, "the payment at Antom")
	assertEqual(t, e.result(v, o.Ref).State, ResultPaid, "buyer's page")
}
