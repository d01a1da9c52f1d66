package checkout

import (
	"errors"
	"slices"
	"strings"
	"testing"
	"time"

	"antom-checkout/antom"
	"antom-checkout/db"
)

// cancelledAtAntom is an order authorized by card whose authorization is
// then cancelled at Antom, not through the app (as from Antom's
// dashboard): the sandbox voids it, and answers a capture of it F
// AUTH_CANCELLED; the app learns of it only by that answer.
func (e *env) cancelledAtAntom(email string) (Order, Viewer) {
	e.t.Helper()
	o := e.authorized(email)
	a := e.attempt(o.Ref)
	if _, err := e.svc.antom.Cancel(e.ctx, &antom.CancelRequest{PaymentID: a.PaymentID}); err != nil {
		e.t.Fatalf("cancel at the sandbox: %v", err)
	}
	assertEqual(e.t, e.attempt(o.Ref).CancelStatus, "", "the app's record of a cancel")
	return o, Viewer{BuyerID: o.BuyerID}
}

// assertClosedCancelled checks an order whose capture Antom refused with
// code (AUTH_CANCELLED, ORDER_IS_CANCELED): VOIDED, nothing charged, the
// buyer's and staff's pages saying Antom cancelled the authorization (not
// the shop), one timeline line saying so, no failed capture "with the
// authorization still open" on the order, the list or the dashboard, and
// capture and void refused with those words without a call to Antom.
func (e *env) assertClosedCancelled(o Order, v Viewer, code string) {
	e.t.Helper()
	t := e.t
	e.svc.Wait()
	assertEqual(t, e.lastCapture(o.Ref).ResultCode, code, "the capture's resultCode")
	r := e.result(v, o.Ref)
	assertDeep(t, []any{r.State, r.Charged.Minor, r.Waiting(), r.CancelledAtAntom}, []any{ResultVoided, int64(0), false, true},
		"the buyer's page: voided at Antom, nothing charged")
	if _, with, lines := e.timelineCounts(o.Ref, "Antom reported the authorization cancelled"); with != 1 ||
		!strings.Contains(strings.Join(lines, "\n"), ": "+code+") with nothing captured: nothing was charged, the buyer's funds are released; order VOIDED") {
		t.Fatalf("want one line of the cancellation, got %d: %q", with, lines)
	}
	a := e.adminOrder(o.Ref)
	if a.CaptureFailed != nil || a.CanCapture() || a.State != ResultVoided || a.EndedAs != db.OrderVoided {
		t.Fatalf("staff's order: state %q, alarm %+v, can capture %v, ended as %q", a.State, a.CaptureFailed, a.CanCapture(), a.EndedAs)
	}
	n, _, listed := e.openCaptureProblems()
	assertDeep(t, []any{n, len(listed)}, []any{0, 0}, "failed captures with the authorization still open")
	d, err := e.svc.AdminDashboard(e.ctx)
	check(t, err)
	assertEqual(t, len(d.Authorizations), 0, "open authorizations on the dashboard")

	e.assertNothingMoreSent(o, cancelledWords, "Antom reported the authorization cancelled")
	assertEqual(t, e.attempt(o.Ref).Status, db.AttemptSuccess, "the attempt, as authorized")
}

// Staff's capture of an authorization cancelled at Antom — the sandbox
// answers F AUTH_CANCELLED — closes the order as VOIDED in the
// settlement's transaction, and says so to staff: nothing was charged,
// the hold is released; not that the authorization is still open.
func TestCaptureRefusedAuthCancelledVoidsTheOrder(t *testing.T) {
	e := newEnv(t, Options{CaptureMode: antom.CaptureManual})
	o, v := e.cancelledAtAntom("auth-cancelled-capture@example.com")
	err := e.svc.Capture(e.ctx, staffActor, o.Ref, 5800)
	var refused *CaptureError
	if !errors.As(err, &refused) || refused.Code != antom.CodeAuthCancelled || refused.Ended != cancelledWords {
		t.Fatalf("capture answered AUTH_CANCELLED: %#v", err)
	}
	e.assertClosedCancelled(o, v, antom.CodeAuthCancelled)
}

// The same answer reaching the app by the reconciler — the capture's own
// answer lost, the capture sent again — or by notifyCapture (with
// AUTH_CANCELLED or ORDER_IS_CANCELED) closes the order alike, and wakes
// its open pages.
func TestCaptureAuthCancelledLaterVoidsTheOrder(t *testing.T) {
	t.Run("reconciler", func(t *testing.T) {
		e := newEnv(t, Options{CaptureMode: antom.CaptureManual})
		o, v := e.cancelledAtAntom("auth-cancelled-reconciler@example.com")
		e.unknownCapture(o.Ref, 5800)
		wake, stop := e.svc.Hub().Subscribe(OrderSubject(o.Ref))
		defer stop()
		check(t, e.svc.Reconcile(e.ctx))
		assertEqual(t, e.lastCapture(o.Ref).Status, db.CaptureFail, "the capture after the reconciler")
		assertWoken(t, wake)
		e.assertClosedCancelled(o, v, antom.CodeAuthCancelled)
	})
	for _, code := range []string{antom.CodeAuthCancelled, antom.CodeOrderIsCanceled} {
		t.Run("notifyCapture "+code, func(t *testing.T) {
			e := newEnv(t, Options{CaptureMode: antom.CaptureManual})
			o, v := e.cancelledAtAntom("auth-cancelled-notify@example.com")
			c := e.unknownCapture(o.Ref, 5800)
			wake, stop := e.svc.Hub().Subscribe(OrderSubject(o.Ref))
			defer stop()
			verdict, err := e.svc.ReceiveNotification(e.ctx, Inbound{Body: captureBody(c, e.attempt(o.Ref).PaymentID, "F", code)})
			check(t, err)
			assertEqual(t, verdict, VerdictApplied, "CAPTURE_RESULT F "+code)
			assertWoken(t, wake)
			e.assertClosedCancelled(o, v, code)
		})
	}
}

// A capture refused with AUTH_CANCELLED while the order stayed AUTHORIZED
// (settled before the app closed such orders) is no failed capture with
// the authorization open — not on the order, the list or the dashboard —
// is refused to staff, and is closed as VOIDED by the reconciler's next
// pass.
func TestReconcilerClosesAuthorizationAntomSaidCancelled(t *testing.T) {
	e := newEnv(t, Options{CaptureMode: antom.CaptureManual})
	o, v := e.cancelledAtAntom("auth-cancelled-before@example.com")
	e.refusedEarlier(o, antom.CodeAuthCancelled, "the authorization was cancelled")
	if ao := e.adminOrder(o.Ref); ao.State != ResultAuthorized || ao.CaptureFailed != nil || ao.CanCapture() || ao.EndedAs != db.OrderVoided {
		t.Fatalf("staff's order before the reconciler: state %q, alarm %+v, can capture %v, ended as %q", ao.State, ao.CaptureFailed, ao.CanCapture(), ao.EndedAs)
	}
	n, _, listed := e.openCaptureProblems()
	assertDeep(t, []any{n, len(listed)}, []any{0, 0}, "failed captures with the authorization still open, before the reconciler")
	assertConflict(t, e.svc.Void(e.ctx, staffActor, o.Ref), "cancelled at Antom")
	assertEqual(t, e.sb.Calls("payments/cancel"), 1, "cancels sent (the one at the sandbox only)")
	wake, stop := e.svc.Hub().Subscribe(OrderSubject(o.Ref))
	defer stop()
	check(t, e.svc.Reconcile(e.ctx))
	assertWoken(t, wake)
	e.assertClosedCancelled(o, v, antom.CodeAuthCancelled)
	if _, with, _ := e.timelineCounts(o.Ref, "(Antom refused a capture of it: AUTH_CANCELLED)"); with != 1 {
		t.Fatal("the reconciler's line does not say how it learnt it")
	}
}

// Every row of captureEnds, and codes that are not in it, through both
// twins: a capture refused with a code that ends the authorization is no
// open failure for db's openCaptureFailure (the dashboard, the filter)
// nor checkout's captureFailureOpen (the list's badge, the order's
// alarm), db lists it to close with that code, and the reconciler closes
// the order as the table says; any other F stays an open failure.
func TestCaptureEndsTwins(t *testing.T) {
	e := newEnv(t, Options{CaptureMode: antom.CaptureManual})
	codes := captureFCodes
	refs := map[string]string{} // code → order ref
	for i, code := range codes {
		o := e.authorized("twins-" + string(rune('a'+i)) + "@example.com")
		a := e.attempt(o.Ref)
		id, err := e.db.InsertCapture(e.ctx, db.Capture{OrderID: a.OrderID, AttemptID: a.ID, CaptureRequestID: "CAP-" + o.Ref + "-T",
			Currency: a.Currency, Amount: 5800, Status: db.CaptureProcessing, CreatedBy: staffActor, CreatedAt: time.Now()})
		check(t, err)
		settled, err := e.db.SettleCapture(e.ctx, id, db.CaptureFail, code, code, "", time.Now())
		check(t, err)
		assertEqual(t, settled, true, "settled "+code)
		refs[code] = o.Ref
	}
	n, _, listed := e.openCaptureProblems() // checks the twins agree on each order
	assertEqual(t, n, len(codes)-len(captureEnds), "open failures")
	d, err := e.svc.AdminDashboard(e.ctx)
	check(t, err)
	assertEqual(t, d.Authorizations[0].Count, len(codes)-len(captureEnds), "the dashboard's open authorizations")
	ended, err := e.db.AuthorizationsEndedBy(e.ctx, e.svc.now())
	check(t, err)
	got := map[string]string{}
	for _, x := range ended {
		got[x.Ref] = x.RefusedWith
	}
	for _, code := range codes {
		_, ends := captureEnds[code]
		assertEqual(t, slices.Contains(listed, refs[code]), !ends, code+": listed as capture failed")
		assertEqual(t, got[refs[code]], map[bool]string{true: code}[ends], code+": listed by db to close, with its code")
	}
	check(t, e.svc.Reconcile(e.ctx))
	for _, code := range codes {
		want, ends := captureEnds[code]
		if !ends {
			want = db.OrderAuthorized
		}
		o, err := e.db.OrderByRef(e.ctx, refs[code])
		check(t, err)
		assertEqual(t, o.Status, want, code+": the order after the reconciler")
	}
}

// captureFCodes are the F resultCodes of capture and notifyCapture (API.md
// §5.4), those that end the authorization (captureEnds) among them.
var captureFCodes = []string{"AUTH_CANCELLED", "AUTH_EXPIRED", "AUTH_NOT_FOUND", "CAPTURE_AMOUNT_EXCEED_AUTH_LIMIT",
	"MULTI_CAPTURE_NOT_SUPPORTED", "ORDER_IS_CANCELED", "ORDER_STATUS_INVALID", "CURRENCY_NOT_SUPPORT", "INVALID_CONTRACT",
	"NO_PAY_OPTIONS", "PAYMENT_COUNT_EXCEED_LIMIT", "PARAM_ILLEGAL", "PROCESS_FAIL", "REPEAT_REQ_INCONSISTENT", "RISK_REJECT",
	"USER_AMOUNT_EXCEED_LIMIT", "USER_BALANCE_NOT_ENOUGH", "USER_NOT_EXIST", "USER_STATUS_ABNORMAL", "ACCESS_DENIED"}

// captureEnds names exactly the codes db's SQL twin closes orders for
// (db.EndingCodes), each an F code of capture.
func TestCaptureEndsAreDBsEndingCodes(t *testing.T) {
	var table []string
	for code := range captureEnds {
		table = append(table, code)
		if !slices.Contains(captureFCodes, code) {
			t.Errorf("%s ends an authorization but is no F code of capture", code)
		}
	}
	dbs := db.EndingCodes()
	slices.Sort(table)
	slices.Sort(dbs)
	if !slices.Equal(table, dbs) {
		t.Errorf("captureEnds has %q, db's endingCodes %q", table, dbs)
	}
}

// refusedEarlier gives order o's authorization a capture Antom refused
// with code and message, settled straight in the database as an earlier
// version of the app settled it: the order left AUTHORIZED.
func (e *env) refusedEarlier(o Order, code, message string) {
	e.t.Helper()
	a := e.attempt(o.Ref)
	id, err := e.db.InsertCapture(e.ctx, db.Capture{OrderID: a.OrderID, AttemptID: a.ID, CaptureRequestID: "CAP-" + o.Ref + "-OLD",
		Currency: a.Currency, Amount: 5800, Status: db.CaptureProcessing, CreatedBy: staffActor, CreatedAt: time.Now()})
	check(e.t, err)
	settled, err := e.db.SettleCapture(e.ctx, id, db.CaptureFail, code, message, "", time.Now())
	check(e.t, err)
	assertEqual(e.t, settled, true, "settled")
}

// assertNothingMoreSent checks that capture, void and check-void of order
// o, whose authorization ended, are refused with words, nothing sent to
// Antom nor stored, and that the reconciler does not write the ending's
// timeline line (one containing line) a second time.
func (e *env) assertNothingMoreSent(o Order, words, line string) {
	e.t.Helper()
	captures, cancels := e.sb.Calls("payments/capture"), e.sb.Calls("payments/cancel")
	for what, err := range map[string]error{
		"capture":    e.svc.Capture(e.ctx, staffActor, o.Ref, 5800),
		"void":       e.svc.Void(e.ctx, staffActor, o.Ref),
		"check void": e.svc.CheckVoid(e.ctx, staffActor, o.Ref),
	} {
		var c *ConflictError
		if !errors.As(err, &c) || c.Message != words {
			e.t.Errorf("%s afterwards: %v, want %q", what, err, words)
		}
	}
	assertDeep(e.t, []any{e.sb.Calls("payments/capture"), e.sb.Calls("payments/cancel")}, []any{captures, cancels}, "calls to Antom afterwards")
	assertEqual(e.t, e.attempt(o.Ref).CancelStatus, "", "no void stored")
	check(e.t, e.svc.Reconcile(e.ctx))
	if _, with, lines := e.timelineCounts(o.Ref, line); with != 1 {
		e.t.Fatalf("%d lines of %q after the reconciler, want 1: %q", with, line, lines)
	}
}
