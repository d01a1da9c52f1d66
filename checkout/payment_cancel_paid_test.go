package checkout

import (
	"strings"
	"testing"
	"time"

	"antom-checkout/antom"
	"antom-checkout/antom/sandbox"
	"antom-checkout/db"
)

// paidWhileCancelling makes the race: a card payment is paid at Antom, a
// cancel of ours is under way (stored, about to be sent), and Antom's
// SUCCESS settles the attempt first: the order is paid. It returns the
// order, its attempt as the cancel read it, and the paymentId.
func (e *env) paidWhileCancelling(b Buyer) (Order, db.Attempt, string) {
	e.t.Helper()
	e.sb.Faults().SetNotify(sandbox.NotifyFault{DropNext: 100})
	o := e.order(b, "mug", 1)
	_, paymentID := e.startCard(Viewer{BuyerID: b.ID}, o.Ref, false, 0)
	check(e.t, e.sb.PayCard(e.ctx, paymentID, "4242424242424242"))
	a := e.attempt(o.Ref)
	_, err := e.db.RequestCancel(e.ctx, a.ID, "", e.svc.now())
	check(e.t, err)
	a = e.attempt(o.Ref)
	resp, err := e.svc.antom.InquiryPayment(e.ctx, &antom.InquiryPaymentRequest{PaymentRequestID: a.PaymentRequestID})
	check(e.t, err)
	assertEqual(e.t, e.svc.applyInquiry(e.ctx, e.attempt(o.Ref), resp, "test"), true, "success applied")
	row, err := e.db.OrderByRef(e.ctx, o.Ref)
	check(e.t, err)
	assertEqual(e.t, row.Status, db.OrderPaid, "order before the cancel lands")
	return o, a, paymentID
}

// assertMoneyReturned checks that the books and both pages say the
// payment was cancelled after it was paid and the money went back.
func (e *env) assertMoneyReturned(b Buyer, ref, paymentID string) {
	e.t.Helper()
	p, err := e.sb.Payment(e.ctx, paymentID)
	check(e.t, err)
	assertEqual(e.t, p.Status, antom.PaymentCancelled, "the payment at Antom")
	a := e.attempt(ref)
	assertEqual(e.t, attemptState(a), stateCancelledPaid, "attempt")
	row, err := e.db.OrderByRef(e.ctx, ref)
	check(e.t, err)
	assertEqual(e.t, row.Status, db.OrderOpen, "order: nothing is paid")
	r := e.result(Viewer{BuyerID: b.ID}, ref)
	assertEqual(e.t, r.State, ResultCancelled, "buyer's page")
	assertEqual(e.t, r.Returned, Money{a.Currency, a.Amount}, "buyer's page: money returned")
	admin := e.adminOrder(ref)
	assertEqual(e.t, admin.Order.PaidAt.IsZero(), true, "admin: no paid time")
	if admin.CanRefund || len(admin.Attempts) != 1 || !admin.Attempts[0].CancelledAfterPayment {
		e.t.Fatalf("admin: can refund %v, attempts %+v", admin.CanRefund, admin.Attempts)
	}
	if _, err := e.refund(ref, "1"); err == nil {
		e.t.Fatal("staff refunded money the cancel had returned")
	}
	if !e.timelineHas(ref, "CANCELLED after payment") {
		e.t.Fatal("the timeline does not say the payment was cancelled after payment")
	}
}

// Antom answers S to a cancel of ours that a SUCCESS overtook: the
// money went back, so the order is no longer paid.
func TestCancelConfirmedAfterSuccessGivesTheMoneyBack(t *testing.T) {
	e := newEnv(t, Options{})
	b := e.buyer("overtaken@example.com")
	o, a, paymentID := e.paidWhileCancelling(b)
	_, err := e.svc.antom.Cancel(e.ctx, &antom.CancelRequest{PaymentRequestID: a.PaymentRequestID})
	check(t, err)
	e.svc.cancelConfirmed(e.ctx, a, "buyer chose to pay another way")
	e.assertMoneyReturned(b, o.Ref, paymentID)

	// Antom's delayed SUCCESS notification changes nothing now.
	v, _ := e.receive(paymentBody(e.attempt(o.Ref), "S", e.attempt(o.Ref).Amount))
	assertEqual(t, v, VerdictStale, "late SUCCESS after the cancel")
	e.assertMoneyReturned(b, o.Ref, paymentID)

	// Nor does Antom's automatic capture, told after the cancel: it is no
	// news for staff.
	v, detail := e.receive(autoCaptureBody(e.attempt(o.Ref), "S"))
	if v != VerdictApplied || !strings.Contains(detail, "gave back afterwards") {
		t.Fatalf("late CAPTURE_RESULT after the cancel: %s (%s)", v, detail)
	}
	e.assertMoneyReturned(b, o.Ref, paymentID)
}

// The cancel's answer is lost: the reconciler asks inquiryPayment, which
// says CANCELLED.
func TestCancelLandingAfterSuccessIsFoundByTheReconciler(t *testing.T) {
	e := newEnv(t, Options{})
	b := e.buyer("lost-cancel@example.com")
	o, a, paymentID := e.paidWhileCancelling(b)
	assertEqual(t, e.attempt(o.Ref).CancelStatus, db.CancelInDoubt, "cancel after the success")
	_, err := e.svc.antom.Cancel(e.ctx, &antom.CancelRequest{PaymentRequestID: a.PaymentRequestID}) // its answer never reaches us
	check(t, err)
	e.later(time.Minute)
	check(t, e.svc.checkAttempts(e.ctx))
	e.assertMoneyReturned(b, o.Ref, paymentID)
}

// A cancel of ours that did not take effect leaves the payment paid;
// the reconciler stops asking after a day at the latest.
func TestCancelInDoubtThatDidNotLandLeavesThePaymentPaid(t *testing.T) {
	e := newEnv(t, Options{})
	b := e.buyer("kept@example.com")
	o, _, _ := e.paidWhileCancelling(b)
	e.later(time.Minute)
	check(t, e.svc.checkAttempts(e.ctx))
	assertEqual(t, e.attempt(o.Ref).Status, db.AttemptSuccess, "attempt")
	assertEqual(t, e.attempt(o.Ref).CancelStatus, db.CancelInDoubt, "still watched")
	e.later(lateWatch + time.Hour)
	check(t, e.svc.checkAttempts(e.ctx))
	a := e.attempt(o.Ref)
	if a.CancelStatus != db.CancelFail || !a.NextCheckAt.IsZero() {
		t.Fatalf("after the watch: cancel %q, next check %v", a.CancelStatus, a.NextCheckAt)
	}
	if r := e.result(Viewer{BuyerID: b.ID}, o.Ref); r.State != ResultPaid || r.LeftButPaid {
		t.Fatalf("buyer's page: state %s, says the buyer left it %v (nobody pressed pay another way)", r.State, r.LeftButPaid)
	}
}

// A cancel of ours that Antom's SUCCESS overtook and that did not take
// effect: once no send of it can still be under way (cancelLandsWithin
// after the first watch found the doubt), Antom still answering SUCCESS
// ends the doubt —
// paid, the buyer's page stops waiting, the cancel is not sent again —
// rather than a day of "checking".
func TestCancelInDoubtEndsOnceNoSendCanLand(t *testing.T) {
	e := newEnv(t, Options{})
	b := e.buyer("doubt-ends@example.com")
	o, _, paymentID := e.paidWhileCancelling(b)
	cancels := e.sb.Calls("payments/cancel")

	e.later(time.Minute)
	check(t, e.svc.checkAttempts(e.ctx))
	assertEqual(t, e.attempt(o.Ref).CancelStatus, db.CancelInDoubt, "a minute on: a send may still land")
	if r := e.result(Viewer{BuyerID: b.ID}, o.Ref); !r.CancelInDoubt || !r.Waiting() {
		t.Fatalf("a minute on, the buyer's page: in doubt %v, waiting %v", r.CancelInDoubt, r.Waiting())
	}

	e.later(time.Minute + cancelLandsWithin - time.Second)
	check(t, e.svc.checkAttempts(e.ctx))
	assertEqual(t, e.attempt(o.Ref).CancelStatus, db.CancelInDoubt, "just before cancelLandsWithin from the first watch")

	e.later(time.Minute + cancelLandsWithin + time.Second)
	check(t, e.svc.checkAttempts(e.ctx))
	a := e.attempt(o.Ref)
	if a.Status != db.AttemptSuccess || a.CancelStatus != db.CancelFail || !a.NextCheckAt.IsZero() {
		t.Fatalf("once no send can land: %s, cancel %q, next check %v", a.Status, a.CancelStatus, a.NextCheckAt)
	}
	if r := e.result(Viewer{BuyerID: b.ID}, o.Ref); r.State != ResultPaid || r.CancelInDoubt || r.Waiting() {
		t.Fatalf("the buyer's page: state %s, in doubt %v, waiting %v", r.State, r.CancelInDoubt, r.Waiting())
	}
	assertEqual(t, e.sb.Calls("payments/cancel"), cancels, "cancels sent while in doubt")
	p, err := e.sb.Payment(e.ctx, paymentID)
	check(t, err)
	assertEqual(t, p.Status, antom.PaymentSuccess, "the payment at Antom")
	if !e.timelineHas(o.Ref, "did not take effect: Antom still has the payment as SUCCESS over 2m0s after it succeeded") {
		t.Fatal("the timeline does not say why the doubt ended")
	}
}

// authorizedWhileCancelling makes the race of TestCancelOfAnOpenPayment…
// with MANUAL capture: a card payment is authorized at Antom, a cancel of
// ours sent to stop it while it was open (the buyer chose to pay another
// way) is stored, and Antom's SUCCESS settles the attempt first: the
// order is AUTHORIZED, the cancel IN_DOUBT. It returns the order, its
// attempt as the cancel read it, and the paymentId.
func (e *env) authorizedWhileCancelling(b Buyer) (Order, db.Attempt, string) {
	e.t.Helper()
	e.sb.Faults().SetNotify(sandbox.NotifyFault{DropNext: 100})
	o := e.order(b, "teapot", 1)
	_, paymentID := e.startCard(Viewer{BuyerID: b.ID}, o.Ref, false, 0)
	check(e.t, e.sb.PayCard(e.ctx, paymentID, "4242424242424242"))
	a := e.attempt(o.Ref)
	_, err := e.db.RequestCancel(e.ctx, a.ID, "", e.svc.now())
	check(e.t, err)
	resp, err := e.svc.antom.InquiryPayment(e.ctx, &antom.InquiryPaymentRequest{PaymentRequestID: a.PaymentRequestID})
	check(e.t, err)
	e.svc.applyInquiry(e.ctx, e.attempt(o.Ref), resp, "test")
	assertEqual(e.t, e.attempt(o.Ref).CancelStatus, db.CancelInDoubt, "cancel after the authorization")
	r := e.result(Viewer{BuyerID: b.ID}, o.Ref)
	if r.State != ResultAuthorized || !r.CancelInDoubt || r.Releasing || !r.Waiting() {
		e.t.Fatalf("before the cancel lands: state %s, in doubt %v, releasing %v, waiting %v", r.State, r.CancelInDoubt, r.Releasing, r.Waiting())
	}
	return o, a, paymentID
}

// assertAuthorizationReleased checks that the books and both pages say
// the card payment the buyer left was cancelled with nothing taken, and
// that the order can be paid another way — not that the shop voided it.
func (e *env) assertAuthorizationReleased(b Buyer, ref, paymentID string) {
	e.t.Helper()
	p, err := e.sb.Payment(e.ctx, paymentID)
	check(e.t, err)
	assertEqual(e.t, p.Status, antom.PaymentCancelled, "the payment at Antom")
	a := e.attempt(ref)
	assertEqual(e.t, a.Status, db.AttemptCancelled, "attempt")
	row, err := e.db.OrderByRef(e.ctx, ref)
	check(e.t, err)
	assertEqual(e.t, row.Status, db.OrderOpen, "order: to be paid another way")
	r := e.result(Viewer{BuyerID: b.ID}, ref)
	if r.State != ResultCancelled || !r.BuyerCancelled || r.Returned.Minor != 0 || r.Charged.Minor != 0 || r.CancelInDoubt || r.Waiting() {
		e.t.Fatalf("buyer's page: state %s, buyer cancelled %v, returned %v, charged %v, in doubt %v, waiting %v",
			r.State, r.BuyerCancelled, r.Returned, r.Charged, r.CancelInDoubt, r.Waiting())
	}
	admin := e.adminOrder(ref)
	if admin.CanCapture() || admin.CanRefund || len(admin.Attempts) != 1 || !admin.Attempts[0].Released || admin.Attempts[0].CancelledAfterPayment {
		e.t.Fatalf("admin: can capture %v, can refund %v, attempts %+v", admin.CanCapture(), admin.CanRefund, admin.Attempts)
	}
	if !e.timelineHas(ref, "CANCELLED after it was authorized") || e.timelineHas(ref, "voided") || e.timelineHas(ref, "went back") {
		e.t.Fatal("the timeline does not say the authorization was released (or says it was voided, or that money went back)")
	}
}

// An authorization (MANUAL capture) that a cancel of ours, sent to stop
// the payment while it was open (the buyer chose to pay another way),
// reached after it was authorized: the hold is released and the order is
// open to be paid another way — the buyer does pay it — not VOIDED, which
// would tell the buyer the shop cancelled it.
func TestCancelOfAnOpenPaymentLandingOnItsAuthorizationReleasesIt(t *testing.T) {
	e := newEnv(t, Options{CaptureMode: antom.CaptureManual})
	b := e.buyer("auth-overtaken@example.com")
	o, a, paymentID := e.authorizedWhileCancelling(b)
	_, err := e.svc.antom.Cancel(e.ctx, &antom.CancelRequest{PaymentRequestID: a.PaymentRequestID})
	check(t, err)
	e.svc.cancelConfirmed(e.ctx, a, "buyer chose to pay another way")
	e.assertAuthorizationReleased(b, o.Ref, paymentID)

	e.sb.Faults().SetNotify(sandbox.NotifyFault{})
	_, next := e.startCard(Viewer{BuyerID: b.ID}, o.Ref, false, 0)
	check(t, e.sb.PayCard(e.ctx, next, "4242424242424242"))
	e.waitOrder(b, o.Ref, db.OrderAuthorized)
	if r := e.result(Viewer{BuyerID: b.ID}, o.Ref); r.State != ResultAuthorized || r.Payment.PaymentID != next {
		t.Fatalf("paid another way: state %s, payment %s (want %s)", r.State, r.Payment.PaymentID, next)
	}
}

// The same, with the cancel's answer lost: the reconciler's
// inquiryPayment finds the payment CANCELLED.
func TestCancelOfAnOpenPaymentFoundOnItsAuthorizationByTheReconciler(t *testing.T) {
	e := newEnv(t, Options{CaptureMode: antom.CaptureManual})
	b := e.buyer("auth-lost-cancel@example.com")
	o, a, paymentID := e.authorizedWhileCancelling(b)
	_, err := e.svc.antom.Cancel(e.ctx, &antom.CancelRequest{PaymentRequestID: a.PaymentRequestID}) // its answer never reaches us
	check(t, err)
	e.later(time.Minute)
	check(t, e.svc.checkAttempts(e.ctx))
	e.assertAuthorizationReleased(b, o.Ref, paymentID)
}

// A cancel meant to stop a payment that was read open is not sent once
// the payment has succeeded meanwhile: it would give the money back.
func TestCancelIsNotSentForAPaymentPaidMeanwhile(t *testing.T) {
	e := newEnv(t, Options{})
	b := e.buyer("paid-meanwhile@example.com")
	e.sb.Faults().SetNotify(sandbox.NotifyFault{DropNext: 100})
	o := e.order(b, "mug", 1)
	_, paymentID := e.startCard(Viewer{BuyerID: b.ID}, o.Ref, false, 0)
	check(t, e.sb.PayCard(e.ctx, paymentID, "4242424242424242"))
	open := e.attempt(o.Ref)
	resp, err := e.svc.antom.InquiryPayment(e.ctx, &antom.InquiryPaymentRequest{PaymentRequestID: open.PaymentRequestID})
	check(t, err)
	e.svc.applyInquiry(e.ctx, open, resp, "test")
	check(t, e.svc.cancelAttempt(e.ctx, open, CancelByBuyer, "buyer chose to pay another way"))
	assertEqual(t, e.sb.Calls("payments/cancel"), 0, "cancels sent")
	p, err := e.sb.Payment(e.ctx, paymentID)
	check(t, err)
	assertEqual(t, p.Status, antom.PaymentSuccess, "the payment at Antom")
	assertEqual(t, e.result(Viewer{BuyerID: b.ID}, o.Ref).State, ResultPaid, "buyer's page")
}

// While a cancel of ours may still reverse a payment that succeeded, the
// buyer's page is not final: it waits (a card-return tab showing "paid"
// keeps polling) and changes when the cancel lands — to the money gone
// back, or, when the doubt ends without it, to paid for good.
func TestResultWaitsWhileOurCancelMayReverseThePayment(t *testing.T) {
	e := newEnv(t, Options{})
	b := e.buyer("tab@example.com")
	v := Viewer{BuyerID: b.ID}
	o, a, _ := e.paidWhileCancelling(b)
	r := e.result(v, o.Ref)
	if r.State != ResultPaid || !r.CancelInDoubt || !r.Waiting() {
		t.Fatalf("paid while our cancel is in doubt: state %s, in doubt %v, waiting %v", r.State, r.CancelInDoubt, r.Waiting())
	}
	inDoubt := r.Key()
	_, err := e.svc.antom.Cancel(e.ctx, &antom.CancelRequest{PaymentRequestID: a.PaymentRequestID})
	check(t, err)
	e.svc.cancelConfirmed(e.ctx, a, "buyer chose to pay another way")
	r = e.result(v, o.Ref)
	if r.State != ResultCancelled || r.Returned.Minor != a.Amount || r.CancelInDoubt || r.Waiting() || r.Key() == inDoubt {
		t.Fatalf("the cancel landed: state %s, returned %v, in doubt %v, waiting %v", r.State, r.Returned, r.CancelInDoubt, r.Waiting())
	}

	// The doubt ends without a cancel (a day passed): paid, final.
	b = e.buyer("stands@example.com")
	v = Viewer{BuyerID: b.ID}
	o, _, _ = e.paidWhileCancelling(b)
	assertEqual(t, e.result(v, o.Ref).Waiting(), true, "in doubt")
	e.later(lateWatch + time.Hour)
	check(t, e.svc.checkAttempts(e.ctx))
	r = e.result(v, o.Ref)
	if r.State != ResultPaid || r.CancelInDoubt || r.Waiting() {
		t.Fatalf("the doubt ended: state %s, in doubt %v, waiting %v", r.State, r.CancelInDoubt, r.Waiting())
	}
}
