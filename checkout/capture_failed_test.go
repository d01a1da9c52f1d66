package checkout

import (
	"errors"
	"testing"
	"time"

	"antom-checkout/antom"
	"antom-checkout/antom/sandbox"
	"antom-checkout/db"
)

// failedCapture captures an order with the answer lost, then has Antom
// report the capture failed (CAPTURE_RESULT F): the money was not taken.
func (e *env) failedCapture(ref string, amount int64) db.Capture {
	e.t.Helper()
	c := e.unknownCapture(ref, amount)
	body := captureBody(c, e.attempt(ref).PaymentID, "F", "PROCESS_FAIL")
	v, err := e.svc.ReceiveNotification(e.ctx, Inbound{Body: body})
	check(e.t, err)
	assertEqual(e.t, v, VerdictApplied, "CAPTURE_RESULT F")
	return e.lastCapture(ref)
}

// openCaptureProblems is what staff see of failed captures (openProblems):
// the twins must agree on every order — db's openCaptureFailure (the
// count, the filter) and checkout's captureFailureOpen (the list's badge,
// the order's alarm).
func (e *env) openCaptureProblems() (count int, problem bool, listed []string) {
	e.t.Helper()
	return e.openProblems(openProblem{name: "capture failed", filter: FilterCaptureFailed,
		count: func(d Dashboard) int { return d.CapturesFailed },
		badge: func(it OrderListItem) bool { return it.CaptureFailed },
		alarm: func(o AdminOrder) bool { return o.CaptureFailed != nil }})
}

// A capture Antom reports failed (CAPTURE_RESULT F) on an authorization
// that is still open is an alarm — on the order (which capture, how
// much, when, Antom's code and message, the authorization still open
// until its expiry), among the dashboard's open problems and in the
// orders filter — until a later capture succeeds.
func TestFailedCaptureIsAnOpenProblemUntilCapturedAgain(t *testing.T) {
	e := newEnv(t, Options{CaptureMode: antom.CaptureManual})
	o := e.authorized("capture-failed@example.com")
	e.authorized("capture-fine@example.com") // an authorization nothing failed on
	c := e.failedCapture(o.Ref, 5000)

	admin := e.adminOrder(o.Ref)
	f := admin.CaptureFailed
	if f == nil {
		t.Fatalf("no alarm on the order after the capture failed: %+v", admin)
	}
	assertEqual(t, *f, CaptureFailure{CaptureRequestID: c.CaptureRequestID, Amount: Money{"JPY", 5000}, By: staffActor,
		SentAt: c.CreatedAt, FailedAt: c.UpdatedAt, Code: "PROCESS_FAIL", Message: "PROCESS_FAIL",
		AuthExpiresAt: e.attempt(o.Ref).AuthExpiresAt}, "the failed capture")
	assertEqual(t, admin.Authorized, Money{"JPY", 5800}, "the authorization is still open")
	assertEqual(t, admin.CanCapture(), true, "staff may capture again")
	n, problem, listed := e.openCaptureProblems()
	assertDeep(t, []any{n, problem, listed}, []any{1, true, []string{o.Ref}}, "the failure among open problems")

	check(t, e.svc.Capture(e.ctx, staffActor, o.Ref, 5000))
	if f := e.adminOrder(o.Ref).CaptureFailed; f != nil {
		t.Fatalf("the alarm stays after a capture succeeded: %+v", f)
	}
	n, problem, listed = e.openCaptureProblems()
	assertDeep(t, []any{n, problem, listed}, []any{0, false, []string(nil)}, "open problems once captured")
}

// A capture Antom refuses outright (its own F answer) is the same alarm;
// a void, or the authorization's expiry, closes it; a capture sent again
// and not confirmed yet takes its place (it is shown as under way).
func TestFailedCaptureClosesWithTheAuthorization(t *testing.T) {
	e := newEnv(t, Options{CaptureMode: antom.CaptureManual})

	refused := e.authorized("capture-refused@example.com")
	e.sb.Faults().SetAPI("payments/capture", sandbox.APIFault{NotFoundNext: 1})
	var cerr *CaptureError
	if err := e.svc.Capture(e.ctx, staffActor, refused.Ref, 1000); !errors.As(err, &cerr) {
		t.Fatalf("capture answered F: %v", err)
	}
	f := e.adminOrder(refused.Ref).CaptureFailed
	if f == nil || f.Code != "AUTH_NOT_FOUND" || f.Amount != (Money{"JPY", 1000}) {
		t.Fatalf("the refused capture on the order: %+v", f)
	}

	voided := e.authorized("capture-failed-voided@example.com")
	e.failedCapture(voided.Ref, 5800)
	retried := e.authorized("capture-failed-retried@example.com")
	e.failedCapture(retried.Ref, 5800)
	n, _, listed := e.openCaptureProblems()
	assertDeep(t, []any{n, len(listed)}, []any{3, 3}, "three open failures")

	check(t, e.svc.Void(e.ctx, staffActor, voided.Ref))
	if f := e.adminOrder(voided.Ref).CaptureFailed; f != nil {
		t.Fatalf("the alarm stays after the void: %+v", f)
	}
	e.unknownCapture(retried.Ref, 5800)
	if a := e.adminOrder(retried.Ref); a.CaptureFailed != nil || a.Pending != PendingCapturing {
		t.Fatalf("a capture sent again: alarm %+v, pending %q", a.CaptureFailed, a.Pending)
	}
	n, _, listed = e.openCaptureProblems()
	assertDeep(t, []any{n, listed}, []any{1, []string{refused.Ref}}, "the failure left open")

	expires := e.attempt(refused.Ref).AuthExpiresAt
	if expires.IsZero() {
		t.Fatal("the sandbox's authorization has no expiry")
	}
	e.later(time.Until(expires) + time.Minute)
	if f := e.adminOrder(refused.Ref).CaptureFailed; f != nil {
		t.Fatalf("the alarm stays once the authorization expired: %+v", f)
	}
	n, _, listed = e.openCaptureProblems()
	assertDeep(t, []any{n, len(listed)}, []any{0, 0}, "no open failure once the authorization expired")
}

// While staff's capture or void waits for Antom, the order reads so
// everywhere its state is: the admin list and order, the buyer's My
// orders, and the dashboard, which counts it apart from the
// authorizations waiting for staff.
func TestCaptureAndVoidUnderWayReadSo(t *testing.T) {
	e := newEnv(t, Options{CaptureMode: antom.CaptureManual})
	buyer := e.buyer("under-way@example.com")
	order := func() Order {
		o := e.order(buyer, "teapot", 1)
		_, paymentID := e.startCard(Viewer{BuyerID: buyer.ID}, o.Ref, false, 0)
		check(t, e.sb.PayCard(e.ctx, paymentID, "4242424242424242"))
		return e.waitOrder(buyer, o.Ref, db.OrderAuthorized)
	}
	waiting, capturing, releasing := order(), order(), order()
	e.unknownCapture(capturing.Ref, 5800)
	e.sb.Faults().SetAPI("payments/cancel", sandbox.APIFault{UnknownNext: 2 * cancelTries})
	if err := e.svc.Void(e.ctx, staffActor, releasing.Ref); !errors.Is(err, ErrVoidNotConfirmed) {
		t.Fatalf("void answered U: %v", err)
	}
	want := map[string]string{waiting.Ref: "", capturing.Ref: PendingCapturing, releasing.Ref: PendingReleasing}

	list, err := e.svc.AdminOrders(e.ctx, OrderFilter{Status: ResultAuthorized})
	check(t, err)
	mine, _, err := e.svc.MyOrders(e.ctx, Viewer{BuyerID: buyer.ID})
	check(t, err)
	got := map[string][]string{}
	for _, it := range list.Items {
		got[it.Ref] = append(got[it.Ref], it.State, it.Pending)
	}
	for _, it := range mine {
		got[it.Ref] = append(got[it.Ref], it.State, it.Pending)
	}
	for ref, p := range want {
		assertDeep(t, got[ref], []string{ResultAuthorized, p, ResultAuthorized, p}, ref+": admin list and My orders")
		assertEqual(t, e.adminOrder(ref).Pending, p, ref+": the admin order")
	}

	d, err := e.svc.AdminDashboard(e.ctx)
	check(t, err)
	assertDeep(t, []any{d.Authorizations, d.AuthorizationsCapturing, d.AuthorizationsReleasing},
		[]any{[]PaymentsSum{{Count: 1, Total: Money{"JPY", 5800}}}, 1, 1}, "open authorizations, being captured, being released")
}

// A failed capture is nothing to act on while a void of the
// authorization is under way (sent, Antom's answer unknown): the order
// says it is being released, and neither its page, the dashboard's count
// nor the orders filter asks staff to "capture again or void it". A void
// Antom then refuses leaves the failure open again.
func TestFailedCaptureWaitsWhileAVoidIsUnderWay(t *testing.T) {
	e := newEnv(t, Options{CaptureMode: antom.CaptureManual})
	o := e.authorized("capture-failed-voiding@example.com")
	e.failedCapture(o.Ref, 5000)

	e.sb.Faults().SetAPI("payments/cancel", sandbox.APIFault{UnknownNext: cancelTries})
	if err := e.svc.Void(e.ctx, staffActor, o.Ref); !errors.Is(err, ErrVoidNotConfirmed) {
		t.Fatalf("void answered U: %v", err)
	}
	admin := e.adminOrder(o.Ref)
	if admin.CaptureFailed != nil || admin.Pending != PendingReleasing {
		t.Fatalf("while the void is under way: alarm %+v, pending %q", admin.CaptureFailed, admin.Pending)
	}
	n, problem, listed := e.openCaptureProblems()
	assertDeep(t, []any{n, problem, listed}, []any{0, false, []string(nil)}, "open problems while the void is under way")

	// Antom refuses the void (as sendCancel records a refusal: the
	// sandbox never refuses a void of an open authorization): the
	// authorization still holds the money, and the failed capture is
	// staff's to act on again.
	changed, err := e.db.SetCancelStatus(e.ctx, e.attempt(o.Ref).ID, db.CancelFail, time.Time{}, e.svc.now())
	if err != nil || !changed {
		t.Fatalf("the void refused: %v %v", changed, err)
	}
	if e.adminOrder(o.Ref).CaptureFailed == nil {
		t.Fatal("no alarm once the void was refused and the authorization is still open")
	}
	n, _, listed = e.openCaptureProblems()
	assertDeep(t, []any{n, listed}, []any{1, []string{o.Ref}}, "the failure open again")
}
