package checkout

import (
	"encoding/json"
	"errors"
	"strings"
	"testing"
	"time"

	"antom-checkout/antom"
	"antom-checkout/antom/sandbox"
	"antom-checkout/db"
)

// authorized pays a teapot (¥5,800) by card in MANUAL mode and returns
// the order.
func (e *env) authorized(email string) Order {
	e.t.Helper()
	b := e.buyer(email)
	o := e.order(b, "teapot", 1)
	_, paymentID := e.startCard(Viewer{BuyerID: b.ID}, o.Ref, false, 0)
	check(e.t, e.sb.PayCard(e.ctx, paymentID, "4242424242424242"))
	return e.waitOrder(b, o.Ref, db.OrderAuthorized)
}

// unknownCapture captures an order with the answer lost: the capture
// stays PROCESSING.
func (e *env) unknownCapture(ref string, amount int64) db.Capture {
	e.t.Helper()
	e.sb.Faults().SetAPI("payments/capture", sandbox.APIFault{UnknownNext: 1})
	if err := e.svc.Capture(e.ctx, staffActor, ref, amount); !errors.Is(err, ErrCaptureNotConfirmed) {
		e.t.Fatalf("a capture whose answer was lost: %v, want ErrCaptureNotConfirmed", err)
	}
	return e.lastCapture(ref)
}

func (e *env) lastCapture(ref string) db.Capture {
	e.t.Helper()
	o, err := e.db.OrderByRef(e.ctx, ref)
	check(e.t, err)
	cs, err := e.db.OrderCaptures(e.ctx, o.ID)
	check(e.t, err)
	return cs[len(cs)-1]
}

// captureBody is a CAPTURE_RESULT for c: its CaptureID, or CAP-ID-1.
func captureBody(c db.Capture, paymentID, status, code string) []byte {
	if c.CaptureID == "" {
		c.CaptureID = "CAP-ID-1"
	}
	n := antom.NotifyCapture{
		NotifyType: antom.NotifyCaptureResult, CaptureRequestID: c.CaptureRequestID, PaymentID: paymentID,
		CaptureID: c.CaptureID, CaptureAmount: antom.MinorAmount(c.Currency, c.Amount),
		CaptureTime: time.Now().UTC().Format(time.RFC3339),
		Result:      antom.Result{ResultCode: code, ResultStatus: status, ResultMessage: code},
	}
	b, _ := json.Marshal(n)
	return b
}

// CAPTURE_IN_PROCESS (U) is not a failure: the capture stays PROCESSING
// and staff cannot capture a second time.
func TestCaptureInProcessKeepsTheCaptureOpen(t *testing.T) {
	e := newEnv(t, Options{CaptureMode: antom.CaptureManual})
	o := e.authorized("inprocess@example.com")
	c := e.unknownCapture(o.Ref, 5800)
	assertEqual(t, c.Status, db.CaptureProcessing, "capture after a lost answer")
	v, err := e.svc.ReceiveNotification(e.ctx, Inbound{Body: captureBody(c, e.attempt(o.Ref).PaymentID, "U", "CAPTURE_IN_PROCESS")})
	check(t, err)
	assertEqual(t, v, VerdictQuarantined, "verdict")
	assertEqual(t, e.lastCapture(o.Ref).Status, db.CaptureProcessing, "capture after U")
	var taken *ConflictError
	if err := e.svc.Capture(e.ctx, staffActor, o.Ref, 5800); !errors.As(err, &taken) {
		t.Fatalf("a second capture while the first is in process: %v", err)
	}
}

// A capture notification that contradicts our final state is held for
// staff, never dropped as a duplicate.
func TestCaptureContradictionsAreQuarantined(t *testing.T) {
	e := newEnv(t, Options{CaptureMode: antom.CaptureManual})
	o := e.authorized("contra@example.com")
	paymentID := e.attempt(o.Ref).PaymentID
	receive := func(body []byte) string {
		t.Helper()
		v, err := e.svc.ReceiveNotification(e.ctx, Inbound{Body: body})
		check(t, err)
		return v
	}
	c := e.unknownCapture(o.Ref, 5800)
	assertEqual(t, receive(captureBody(c, paymentID, "F", "PROCESS_FAIL")), VerdictApplied, "F")
	assertEqual(t, e.lastCapture(o.Ref).Status, db.CaptureFail, "capture")
	assertEqual(t, receive(captureBody(c, paymentID, "F", "PROCESS_FAIL")), VerdictDuplicate, "F again")
	assertEqual(t, receive(captureBody(c, paymentID, "S", "SUCCESS")), VerdictQuarantined, "S after F")
	assertEqual(t, e.lastCapture(o.Ref).Status, db.CaptureFail, "capture after S after F")

	c = e.unknownCapture(o.Ref, 5000)
	assertEqual(t, receive(captureBody(c, paymentID, "S", "SUCCESS")), VerdictApplied, "S")
	assertEqual(t, receive(captureBody(c, paymentID, "S", "SUCCESS")), VerdictDuplicate, "S again")
	assertEqual(t, receive(captureBody(c, paymentID, "F", "PROCESS_FAIL")), VerdictQuarantined, "F after S")
	assertEqual(t, e.lastCapture(o.Ref).Status, db.CaptureSuccess, "capture after F after S")
}

// In AUTOMATIC mode Antom captures by itself and says so: that is
// expected news, recorded on the order's timeline.
func TestAutomaticCaptureNotificationIsExpected(t *testing.T) {
	e := newEnv(t, Options{})
	b := e.buyer("auto@example.com")
	o := e.order(b, "mug", 1)
	_, paymentID := e.startCard(Viewer{BuyerID: b.ID}, o.Ref, false, 0)
	check(t, e.sb.PayCard(e.ctx, paymentID, "4242424242424242"))
	e.waitOrder(b, o.Ref, db.OrderPaid)
	assertEqual(t, e.verdicts("CAPTURE_RESULT", 1)[0], VerdictApplied, "automatic capture")
	if !e.timelineHas(o.Ref, "automatic capture") {
		t.Fatal("the timeline does not show the automatic capture")
	}
}

// Staff capturing an authorization moves the order to PAID: a buyer's
// page waiting on the order wakes.
func TestCaptureWakesTheOrdersPage(t *testing.T) {
	e := newEnv(t, Options{CaptureMode: antom.CaptureManual})
	o := e.authorized("capturewake@example.com")
	wake, stop := e.svc.Hub().Subscribe(OrderSubject(o.Ref))
	defer stop()
	e.sb.Faults().SetNotify(sandbox.NotifyFault{DropNext: 1}) // only the capture's answer can tell
	check(t, e.svc.Capture(e.ctx, staffActor, o.Ref, 5800))
	select {
	case <-wake:
	case <-time.After(5 * time.Second):
		t.Fatal("the order's waiting page was not woken")
	}
}

// A partial capture's timeline line says what of the authorization is
// released; a full capture's says nothing of a rest.
func TestPartialCaptureSaysTheRestIsReleased(t *testing.T) {
	e := newEnv(t, Options{CaptureMode: antom.CaptureManual})
	part := e.authorized("part-capture@example.com")
	check(t, e.svc.Capture(e.ctx, staffActor, part.Ref, 3000))
	whole := e.authorized("whole-capture@example.com")
	check(t, e.svc.Capture(e.ctx, staffActor, whole.Ref, 5800))
	const rest = "the rest of the authorization, ¥2,800, is released"
	if !e.timelineHas(part.Ref, rest) {
		_, _, lines := e.timelineCounts(part.Ref, "")
		t.Errorf("the partial capture's timeline does not say %q:\n%s", rest, strings.Join(lines, "\n"))
	}
	if e.timelineHas(whole.Ref, "the rest of the authorization") {
		t.Error("a full capture's timeline speaks of a rest")
	}
}
