package checkout

import (
	"errors"
	"strings"
	"testing"
	"time"

	"antom-checkout/antom"
	"antom-checkout/antom/sandbox"
	"antom-checkout/db"
)

// An authorization cancelled at Antom (not through the app) is answered
// CANCELLED by inquiryPayment: the look for its expiry ends there — one
// line saying what Antom said and that a capture or void settles it, no
// more calls, on this instance or one started later — and staff's page
// says what ended it, not that we keep asking. The order stays
// AUTHORIZED until staff capture, which Antom refuses AUTH_CANCELLED:
// the order is then VOIDED, cancelled at Antom.
func TestAuthExpiryLookEndsWhenAntomSaysCancelled(t *testing.T) {
	e := newEnv(t, Options{CaptureMode: antom.CaptureManual})
	o := e.authorizedWithoutExpiry("look-cancelled@example.com")
	a := e.attempt(o.Ref)
	if _, err := e.svc.antom.Cancel(e.ctx, &antom.CancelRequest{PaymentID: a.PaymentID}); err != nil {
		t.Fatalf("cancel at the sandbox: %v", err)
	}
	clock := e.freezeClock()
	before := e.sb.Calls("payments/inquiryPayment")

	clock.set(authExpiryLookAfter)
	check(t, e.svc.Reconcile(e.ctx))
	assertEqual(t, e.sb.Calls("payments/inquiryPayment")-before, 1, "inquiries once the look is due")
	_, with, lines := e.timelineCounts(o.Ref, "authExpiryTime")
	if with != 1 || !strings.Contains(e.lineWith(o.Ref, "authExpiryTime").Detail,
		"is not known, and inquiryPayment says the payment is CANCELLED: no more looks for it; a capture or a void will settle the order") {
		t.Fatalf("want one line ending the looks, got %d:\n%s", with, strings.Join(lines, "\n"))
	}
	staff := e.adminOrder(o.Ref)
	assertDeep(t, []any{staff.State, staff.AuthExpiresAt.IsZero(), staff.AuthExpiryLookEnd, staff.CanCapture()},
		[]any{ResultAuthorized, true, antom.PaymentCancelled, true}, "staff's order: authorized, expiry not known, the looks ended by CANCELLED")

	restarted := NewService(Deps{DB: e.db, Antom: e.svc.antom, Sealer: e.sealer, Now: clock.now, Options: e.svc.opts})
	for _, later := range []time.Duration{time.Hour, 2 * time.Hour, 24 * time.Hour} {
		clock.set(authExpiryLookAfter + later)
		check(t, e.svc.Reconcile(e.ctx))
		check(t, restarted.Reconcile(e.ctx))
	}
	restarted.Wait()
	assertEqual(t, e.sb.Calls("payments/inquiryPayment")-before, 1, "inquiries once the looks ended")
	_, with, _ = e.timelineCounts(o.Ref, "authExpiryTime")
	assertEqual(t, with, 1, "lines of the looks")

	var refused *CaptureError
	if err := e.svc.Capture(e.ctx, staffActor, o.Ref, a.Amount); !errors.As(err, &refused) || refused.Code != antom.CodeAuthCancelled {
		t.Fatalf("capture: %v, want AUTH_CANCELLED", err)
	}
	e.svc.Wait()
	row, err := e.db.OrderByRef(e.ctx, o.Ref)
	check(t, err)
	assertEqual(t, row.Status, db.OrderVoided, "the order once the capture was refused AUTH_CANCELLED")
}

// A staff capture takes the capture's lease, not the attempt's, so it may
// settle the order while a look's inquiry is out: the look's answer
// without an expiry then counts nothing and writes no line (the order is
// PAID: no "not known yet; asking again").
func TestAuthExpiryLookAnsweredAfterACapture(t *testing.T) {
	e := newEnv(t, Options{CaptureMode: antom.CaptureManual})
	o := e.authorizedWithoutExpiry("look-captured-meanwhile@example.com")
	a := e.attempt(o.Ref)
	clock := e.freezeClock()
	clock.set(authExpiryLookAfter)
	e.sb.Faults().SetAPI("payments/inquiryPayment", sandbox.APIFault{Latency: 700 * time.Millisecond, NoAuthExpiryNext: 1000})
	before := e.sb.Calls("payments/inquiryPayment")

	done := make(chan error, 1)
	go func() { done <- e.svc.lookForAuthExpiries(e.ctx) }()
	for e.sb.Calls("payments/inquiryPayment") == before { // the look's inquiry is out
		select {
		case err := <-done:
			t.Fatalf("the look ended (%v) before its inquiry was seen", err)
		case <-time.After(time.Millisecond):
		}
	}
	check(t, e.svc.Capture(e.ctx, staffActor, o.Ref, a.Amount))
	row, err := e.db.OrderByRef(e.ctx, o.Ref)
	check(t, err)
	assertEqual(t, row.Status, db.OrderPaid, "the order once captured (before the look's answer)")
	check(t, <-done)
	e.svc.Wait()

	if _, with, lines := e.timelineCounts(o.Ref, "authExpiryTime"); with != 0 {
		t.Fatalf("a PAID order's timeline has lines of the look:\n%s", strings.Join(lines, "\n"))
	}
	_, err = e.db.AuthExpiryLookDue(e.ctx, a.ID, clock.now(), clock.now().Add(24*time.Hour))
	if !errors.Is(err, db.ErrNotFound) {
		t.Fatalf("the look, once the order is PAID: %v, want not found", err)
	}
}

// An authorization with a capture still PROCESSING is asked about by the
// capture check, whose answer records the expiry: the look for it does
// not ask too — one inquiry per reconciler pass.
func TestAuthExpiryLookLeavesACaptureCheck(t *testing.T) {
	e := newEnv(t, Options{CaptureMode: antom.CaptureManual})
	o := e.authorizedWithoutExpiry("look-capturing@example.com")
	a := e.attempt(o.Ref)
	clock := e.freezeClock()
	e.sb.Faults().SetAPI("payments/capture", sandbox.APIFault{UnknownNext: 1000})
	e.sb.Faults().SetAPI("payments/inquiryPayment", sandbox.APIFault{NoAuthExpiryNext: 1000})
	if err := e.svc.Capture(e.ctx, staffActor, o.Ref, a.Amount); err == nil {
		t.Fatal("capture answered: this needs one whose outcome is unknown")
	}
	e.svc.Wait()
	assertEqual(t, e.lastCapture(o.Ref).Status, db.CaptureProcessing, "the capture")

	before := e.sb.Calls("payments/inquiryPayment")
	for pass, at := range []time.Duration{authExpiryLookAfter, authExpiryLookAfter + time.Hour} {
		clock.set(at)
		check(t, e.svc.Reconcile(e.ctx))
		e.svc.Wait()
		assertEqual(t, e.sb.Calls("payments/inquiryPayment")-before, pass+1, "inquiries after the passes (the capture check's)")
	}
	if _, with, lines := e.timelineCounts(o.Ref, "authorization's expiry (authExpiryTime)"); with != 0 {
		t.Fatalf("lines of a look:\n%s", strings.Join(lines, "\n"))
	}
}

// What a look's line says when the answer gave no expiry it recorded.
func TestAuthExpiryMissingWords(t *testing.T) {
	a := db.Attempt{Currency: "USD", Amount: 1000}
	usd := func(v string) antom.Amount { return antom.Amount{Currency: "USD", Value: v} }
	for _, c := range []struct {
		r    antom.InquiryPaymentResponse
		err  error
		want string
	}{
		{antom.InquiryPaymentResponse{PaymentStatus: antom.PaymentProcessing}, nil, " (inquiryPayment says PROCESSING)"},
		{antom.InquiryPaymentResponse{PaymentStatus: antom.PaymentSuccess, PaymentAmount: usd("999"), AuthExpiryTime: "2026-12-12T00:00:00Z"}, nil,
			" (inquiryPayment says SUCCESS for another amount; left for staff)"},
		{antom.InquiryPaymentResponse{PaymentStatus: antom.PaymentSuccess, PaymentAmount: usd("1000")}, nil,
			" (inquiryPayment's answer gave no authExpiryTime)"},
		{antom.InquiryPaymentResponse{PaymentStatus: antom.PaymentSuccess, PaymentAmount: usd("1000"), AuthExpiryTime: "soon"}, nil,
			" (inquiryPayment's answer gave an authExpiryTime we cannot read: soon)"},
		{antom.InquiryPaymentResponse{PaymentStatus: antom.PaymentSuccess, PaymentAmount: usd("1000"), AuthExpiryTime: "2026-12-12T00:00:00Z"},
			errors.New("disk full"), " (recording the authExpiryTime inquiryPayment gave failed: a database error)"},
	} {
		assertEqual(t, authExpiryMissing(a, &c.r, c.err), c.want, "words for "+c.r.PaymentStatus+" "+c.r.AuthExpiryTime)
	}
}

// A surplus attempt (another paid the order; it is voided automatically)
// learns no expiry, even on an AUTHORIZED order: the order's
// authorization is not its.
func TestAuthExpiryNotLearnedForASurplusAttempt(t *testing.T) {
	e := newEnv(t, Options{CaptureMode: antom.CaptureManual})
	o := e.authorizedWithoutExpiry("learn-surplus@example.com")
	a := e.attempt(o.Ref)
	row, err := e.db.OrderByRef(e.ctx, o.Ref)
	check(t, err)
	expires := time.Now().Add(7 * 24 * time.Hour)
	learn := func(a db.Attempt) string {
		t.Helper()
		var line string
		check(t, e.db.Tx(e.ctx, func(q *db.Queries) error {
			var err error
			line, err = e.svc.learnAuthExpiry(e.ctx, q, a, row, expires, "a test")
			return err
		}))
		return line
	}
	surplus := a
	surplus.Surplus = true
	assertEqual(t, learn(surplus), "", "the line of a surplus attempt's expiry")
	assertEqual(t, e.attempt(o.Ref).AuthExpiresAt.IsZero(), true, "expiry not known after a surplus attempt's")
	if line := learn(a); !strings.Contains(line, "recorded from a test") {
		t.Fatalf("the order's own authorization: %q", line)
	}
}
