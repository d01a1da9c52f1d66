package checkout

import (
	"strings"
	"testing"
	"time"

	"antom-checkout/antom"
	"antom-checkout/antom/sandbox"
	"antom-checkout/db"
)

// outsideNotice is Antom's CAPTURE_RESULT S of a capture made outside
// this app (captureRequestId reqID) of order ref's authorization.
func (e *env) outsideNotice(ref, reqID, capID string, amount antom.Amount) (string, error) {
	e.t.Helper()
	return e.svc.ReceiveNotification(e.ctx, Inbound{Body: captureNotice(e.t, reqID, e.attempt(ref).PaymentID, capID, amount)})
}

// A CAPTURE_RESULT S that names an authorization of ours (MANUAL capture
// mode) by its paymentId, with a captureRequestId that is none of ours —
// a capture made in Antom Dashboard, say — is Antom's word that the money
// was taken: it is recorded in our books as a capture made outside this
// app, and the order, the buyer's page, staff's figures and the timeline
// all say so. Told again it records nothing twice.
func TestCaptureOutsideAppIsRecorded(t *testing.T) {
	e := newEnv(t, Options{CaptureMode: antom.CaptureManual})
	b := e.buyer("capture-outside@example.com")
	v := Viewer{BuyerID: b.ID}
	o := e.authorizedOrder(b, "teapot")
	verdict, err := e.outsideNotice(o.Ref, "EXT-CAPTURE-1", "CAP-ID-EXT", antom.MinorAmount("JPY", 5800))
	check(t, err)
	assertEqual(t, verdict, VerdictApplied, "CAPTURE_RESULT S of a capture made outside the app")

	row, err := e.db.OrderByRef(e.ctx, o.Ref)
	check(t, err)
	assertEqual(t, row.Status, db.OrderPaid, "the order")
	r := e.result(v, o.Ref)
	assertDeep(t, []any{r.State, r.Charged}, []any{ResultPaid, Money{"JPY", 5800}}, "the buyer's page: paid, charged")
	a := e.adminOrder(o.Ref)
	assertDeep(t, []any{a.Captured, a.Paid, a.Refundable, a.CanRefund, a.Authorized.Minor, a.CanCapture()},
		[]any{Money{"JPY", 5800}, Money{"JPY", 5800}, Money{"JPY", 5800}, true, int64(0), false}, "staff's figures")
	if len(a.Captures) != 1 || !a.Captures[0].Outside || a.Captures[0].CaptureID != "CAP-ID-EXT" || a.Captures[0].Status != db.CaptureSuccess {
		t.Fatalf("staff's captures: %+v", a.Captures)
	}
	rows := e.captureRowsNow(0)
	entry, err := e.svc.NotificationEntry(e.ctx, rows[len(rows)-1].ID)
	check(t, err)
	assertEqual(t, entry.OrderRef, o.Ref, "the inbox row's order")
	_, with, lines := e.timelineCounts(o.Ref, "EXT-CAPTURE-1 (5800 JPY, captureId CAP-ID-EXT), made outside this app")
	assertEqual(t, with, 2, "lines naming the capture (its state, its notification): "+strings.Join(lines, "\n"))

	// Antom's resend, or the same capture under its captureId: nothing twice.
	verdict, err = e.outsideNotice(o.Ref, "EXT-CAPTURE-1", "CAP-ID-EXT", antom.MinorAmount("JPY", 5800))
	check(t, err)
	assertEqual(t, verdict, VerdictDuplicate, "told again")
	if cs, err := e.db.OrderCaptures(e.ctx, row.ID); err != nil || len(cs) != 1 {
		t.Fatalf("captures after the resend: %+v (%v)", cs, err)
	}
	_, again, _ := e.timelineCounts(o.Ref, "made outside this app")
	assertEqual(t, again, with, "lines after the resend")
	assertEqual(t, e.adminOrder(o.Ref).Captured, Money{"JPY", 5800}, "captured after the resend")
	assertConflict(t, e.svc.Capture(e.ctx, staffActor, o.Ref, 5800), "had already been sent")
}

// A capture made outside the app of part of the authorization is
// recorded as a partial capture: the order is PAID for that part, which
// is all that may be refunded.
func TestCaptureOutsideAppInPart(t *testing.T) {
	e := newEnv(t, Options{CaptureMode: antom.CaptureManual})
	b := e.buyer("capture-outside-part@example.com")
	o := e.authorizedOrder(b, "teapot")
	verdict, err := e.outsideNotice(o.Ref, "EXT-PART-1", "CAP-ID-PART", antom.MinorAmount("JPY", 2000))
	check(t, err)
	assertEqual(t, verdict, VerdictApplied, "a capture of part made outside the app")
	r := e.result(Viewer{BuyerID: b.ID}, o.Ref)
	assertDeep(t, []any{r.State, r.Charged}, []any{ResultPaid, Money{"JPY", 2000}}, "the buyer's page")
	a := e.adminOrder(o.Ref)
	assertDeep(t, []any{a.Captured, a.Refundable}, []any{Money{"JPY", 2000}, Money{"JPY", 2000}}, "staff's figures")
	if !e.timelineHas(o.Ref, "¥3,800 of the authorization is not captured") {
		t.Fatal("the timeline does not say what was left uncaptured")
	}
}

// A CAPTURE_RESULT S of a capture made outside the app that contradicts
// our books — more than the authorization holds, another currency, or
// none of what F or U says — stays quarantined on the order: nothing
// recorded, the order AUTHORIZED.
func TestCaptureOutsideAppContradictionIsQuarantined(t *testing.T) {
	e := newEnv(t, Options{CaptureMode: antom.CaptureManual})
	o := e.authorized("capture-outside-over@example.com")
	for _, tc := range []struct {
		reqID  string
		amount antom.Amount
		says   string
	}{
		{"EXT-OVER", antom.MinorAmount("JPY", 5801), "more than the authorization's ¥5,800"},
		{"EXT-CURRENCY", antom.MinorAmount("USD", 5800), "its currency USD is not the authorization's JPY"},
	} {
		verdict, err := e.outsideNotice(o.Ref, tc.reqID, "CAP-"+tc.reqID, tc.amount)
		check(t, err)
		assertEqual(t, verdict, VerdictQuarantined, tc.reqID)
		if !e.timelineHas(o.Ref, tc.says) {
			t.Fatalf("%s: the timeline does not say %q", tc.reqID, tc.says)
		}
	}
	row, err := e.db.OrderByRef(e.ctx, o.Ref)
	check(t, err)
	assertEqual(t, row.Status, db.OrderAuthorized, "the order")
	if cs, err := e.db.OrderCaptures(e.ctx, row.ID); err != nil || len(cs) != 0 {
		t.Fatalf("captures recorded of a contradiction: %+v (%v)", cs, err)
	}
}

// captureAtAntom captures order ref's authorization at the sandbox
// directly, as Antom Dashboard or another system would, with Antom's
// CAPTURE_RESULT lost on the way (it never reaches us).
func (e *env) captureAtAntom(ref, reqID string, amount int64) {
	e.t.Helper()
	cfg := e.clientCfg
	cfg.OnSend, cfg.OnCall = nil, nil
	other, err := antom.NewClient(cfg)
	check(e.t, err)
	e.sb.Faults().SetNotify(sandbox.NotifyFault{DropNext: 1000})
	a := e.attempt(ref)
	_, err = other.Capture(e.ctx, &antom.CaptureRequest{CaptureRequestID: reqID, PaymentID: a.PaymentID,
		CaptureAmount: antom.MinorAmount(a.Currency, amount), IsLastCapture: true})
	check(e.t, err)
}

// An authorization that reached its expiry in our books is not closed
// as "nothing was charged" before Antom is asked: a capture made outside
// the app that inquiryPayment lists, whose notification never came, is
// recorded, and the order is PAID, not EXPIRED.
func TestExpiryAsksAntomAndFindsACaptureMadeOutside(t *testing.T) {
	e := newEnv(t, Options{CaptureMode: antom.CaptureManual})
	b := e.buyer("expiry-outside@example.com")
	v := Viewer{BuyerID: b.ID}
	o := e.authorizedOrder(b, "teapot")
	e.captureAtAntom(o.Ref, "EXT-DASHBOARD-1", 5800)
	e.later(time.Until(e.attempt(o.Ref).AuthExpiresAt) + time.Minute)
	check(t, e.svc.Reconcile(e.ctx))
	check(t, e.svc.Reconcile(e.ctx))

	row, err := e.db.OrderByRef(e.ctx, o.Ref)
	check(t, err)
	assertEqual(t, row.Status, db.OrderPaid, "the order")
	r := e.result(v, o.Ref)
	assertDeep(t, []any{r.State, r.Charged}, []any{ResultPaid, Money{"JPY", 5800}}, "the buyer's page: paid, not expired")
	a := e.adminOrder(o.Ref)
	assertDeep(t, []any{a.Captured, a.Refundable}, []any{Money{"JPY", 5800}, Money{"JPY", 5800}}, "staff's figures")
	if !e.timelineHas(o.Ref, "EXT-DASHBOARD-1") || e.timelineHas(o.Ref, "nothing was charged") {
		t.Fatal("the timeline does not name the capture made outside, or says nothing was charged")
	}
}

// An authorization that reached its expiry is not closed while Antom
// cannot be asked (U every time): the order stays AUTHORIZED, the next
// ask waits for endCheckBackoff's pause (no call before it), and once
// Antom answers with no capture the order closes as EXPIRED.
func TestExpiryNotClosedWhileAntomCannotBeAsked(t *testing.T) {
	e := newEnv(t, Options{CaptureMode: antom.CaptureManual})
	b := e.buyer("expiry-unasked@example.com")
	o := e.authorizedOrder(b, "teapot")
	check(t, e.svc.Reconcile(e.ctx))
	past := time.Until(e.attempt(o.Ref).AuthExpiresAt) + time.Minute
	e.later(past)
	e.sb.Faults().SetAPI("payments/inquiryPayment", sandbox.APIFault{UnknownNext: 1000})
	check(t, e.svc.Reconcile(e.ctx))
	check(t, e.svc.Reconcile(e.ctx))
	status := func() string {
		t.Helper()
		row, err := e.db.OrderByRef(e.ctx, o.Ref)
		check(t, err)
		return row.Status
	}
	assertEqual(t, status(), db.OrderAuthorized, "the order while Antom cannot be asked")
	_, with, lines := e.timelineCounts(o.Ref, "whether it was captured outside this app is not known yet")
	assertEqual(t, with, 1, "lines of the unanswered ask: "+strings.Join(lines, "\n"))
	asked := e.sb.Faults().Fired()["payments/inquiryPayment:UnknownNext"]
	assertEqual(t, asked, 1, "asks before the pause passed")

	e.sb.Faults().SetAPI("payments/inquiryPayment", sandbox.APIFault{})
	e.later(past + endCheckBackoff.first + time.Second)
	check(t, e.svc.Reconcile(e.ctx))
	assertEqual(t, status(), db.OrderExpired, "the order once Antom shows no capture")
}
