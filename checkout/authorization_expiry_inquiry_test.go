package checkout

import (
	"bytes"
	"testing"
	"time"

	"antom-checkout/antom"
	"antom-checkout/antom/sandbox"
	"antom-checkout/db"
	"antom-checkout/lang"
)

// authorizedWithoutExpiry is an order of a new buyer's authorized
// (MANUAL) by a kept card's one-click payment whose pay answer gave no
// authExpiryTime (the sandbox's NoAuthExpiryNext) and whose notification
// never gets through (turned away: lost, as far as the app can tell). The
// app does not know until when it can be captured.
func (e *env) authorizedWithoutExpiry(email string) Order {
	e.t.Helper()
	b := e.buyer(email)
	v := Viewer{BuyerID: b.ID}
	first := e.order(b, "mug", 1)
	_, paymentID := e.startCard(v, first.Ref, true, 0)
	check(e.t, e.sb.PayCard(e.ctx, paymentID, "4242424242424242"))
	e.waitOrder(b, first.Ref, db.OrderAuthorized)
	e.verdicts(antom.NotifyPaymentResult, 1) // the first payment's, before the gate
	cards, err := e.svc.BuyerCards(e.ctx, b.ID)
	check(e.t, err)
	assertEqual(e.t, len(cards), 1, "kept cards")
	// The first authorization is voided: past its expiry the reconciler
	// would ask Antom about it (askBeforeEnding), calls that are not the
	// looks the tests count.
	check(e.t, e.svc.Void(e.ctx, staffActor, first.Ref))

	e.gateNotifications(func(body []byte) bool { return !bytes.Contains(body, []byte(antom.NotifyPaymentResult)) })
	e.sb.Faults().SetAPI("payments/pay", sandbox.APIFault{NoAuthExpiryNext: 1})
	o := e.order(b, "teapot", 1)
	if _, err := e.svc.PayByCard(e.ctx, v, o.Ref, "", false, cards[0].ID, nil, antom.Env{ClientIP: "198.51.100.4"}); err != nil {
		e.t.Fatal(err)
	}
	e.waitOrder(b, o.Ref, db.OrderAuthorized)
	e.svc.Wait()
	if !e.attempt(o.Ref).AuthExpiresAt.IsZero() {
		e.t.Fatal("the authorization's expiry is known: this needs one whose answer did not give it")
	}
	return o
}

// assertExpiryLearned checks that order ref's authorization expiry was
// recorded from an inquiryPayment answer, as Antom gives it: on the
// attempt, for staff, in one timeline line of kind; it returns the
// expiry.
func (e *env) assertExpiryLearned(ref, kind string) time.Time {
	e.t.Helper()
	r, err := e.svc.antom.InquiryPayment(e.ctx, &antom.InquiryPaymentRequest{PaymentRequestID: e.attempt(ref).PaymentRequestID})
	check(e.t, err)
	want := parseAntomTime(r.AuthExpiryTime)
	if want.IsZero() {
		e.t.Fatalf("the sandbox's inquiry gives no authExpiryTime: %q", r.AuthExpiryTime)
	}
	got := e.attempt(ref).AuthExpiresAt
	if !got.Equal(want) {
		e.t.Fatalf("recorded expiry %v, want Antom's %v", got, want)
	}
	assertEqual(e.t, e.adminOrder(ref).AuthExpiresAt.Equal(want), true, "staff see when it expires")
	line := "recorded from inquiryPayment's answer: capture before " + lang.StaffTime(want, nil)
	_, with, lines := e.timelineCounts(ref, "recorded from")
	if with != 1 || e.lineWith(ref, line).Kind != kind {
		e.t.Fatalf("want one %s line %q, got %d:\n%q", kind, line, with, lines)
	}
	return want
}

// An inquiryPayment answer applied to an attempt read while it was still
// PROCESSING, which pay's answer (without authExpiryTime) settled
// meanwhile, finds it settled — and still records the expiry it gives,
// once, and wakes the order's pages.
func TestInquiryOfASettledAuthorizationLearnsItsExpiry(t *testing.T) {
	e := newEnv(t, Options{CaptureMode: antom.CaptureManual})
	o := e.authorizedWithoutExpiry("inquiry-expiry@example.com")
	stale := e.attempt(o.Ref)
	stale.Status, stale.FinalSource = db.AttemptProcessing, "" // as read before pay's answer settled it
	r, err := e.svc.antom.InquiryPayment(e.ctx, &antom.InquiryPaymentRequest{PaymentRequestID: stale.PaymentRequestID})
	check(t, err)
	wake, stop := e.svc.Hub().Subscribe(OrderSubject(o.Ref))
	defer stop()

	e.svc.applyInquiry(e.ctx, stale, r, "reconciler")
	assertWoken(t, wake)
	e.assertExpiryLearned(o.Ref, EventReconciler)
	e.svc.applyInquiry(e.ctx, stale, r, "reconciler") // what was recorded first stands, said once
	e.assertExpiryLearned(o.Ref, EventReconciler)
}

// The reconciler's look at a capture whose outcome is unknown asks
// inquiryPayment, whose answer gives the authorization's expiry: it is
// recorded while the capture is still not confirmed.
func TestCaptureCheckLearnsAuthExpiry(t *testing.T) {
	e := newEnv(t, Options{CaptureMode: antom.CaptureManual})
	o := e.authorizedWithoutExpiry("capture-check-expiry@example.com")
	e.unknownCapture(o.Ref, e.attempt(o.Ref).Amount)
	e.sb.Faults().SetAPI("payments/capture", sandbox.APIFault{UnknownNext: 1}) // its resend unanswered too

	check(t, e.svc.checkCaptures(e.ctx))
	assertEqual(t, e.captureStatus(o.Ref), db.CaptureProcessing, "the capture after the reconciler")
	e.assertExpiryLearned(o.Ref, EventReconciler)
}

// Once the authorization is captured its expiry says nothing any more:
// an inquiry's answer that gives it records none.
func TestInquiryOfACapturedAuthorizationLearnsNoExpiry(t *testing.T) {
	e := newEnv(t, Options{CaptureMode: antom.CaptureManual})
	o := e.authorizedWithoutExpiry("captured-expiry@example.com")
	check(t, e.svc.Capture(e.ctx, staffActor, o.Ref, e.attempt(o.Ref).Amount))
	row, err := e.db.OrderByRef(e.ctx, o.Ref)
	check(t, err)
	assertEqual(t, row.Status, db.OrderPaid, "the order once captured")
	stale := e.attempt(o.Ref)
	stale.Status, stale.FinalSource = db.AttemptProcessing, ""
	r, err := e.svc.antom.InquiryPayment(e.ctx, &antom.InquiryPaymentRequest{PaymentRequestID: stale.PaymentRequestID})
	check(t, err)
	if r.AuthExpiryTime == "" {
		t.Fatal("the sandbox's inquiry gives no authExpiryTime")
	}

	e.svc.applyInquiry(e.ctx, stale, r, "reconciler")
	assertEqual(t, e.attempt(o.Ref).AuthExpiresAt.IsZero(), true, "no expiry recorded")
	if _, with, lines := e.timelineCounts(o.Ref, "recorded from"); with != 0 {
		t.Fatalf("a line says it was learned:\n%q", lines)
	}
}
