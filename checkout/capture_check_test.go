package checkout

import (
	"errors"
	"testing"

	"antom-checkout/antom"
	"antom-checkout/antom/sandbox"
	"antom-checkout/db"
)

// A capture whose call never reached Antom's books (U, 5xx) is not left
// PROCESSING: the reconciler finds no such capture among the payment's
// transactions and sends the same captureRequestId again. One whose
// answer was lost after the work is found among them and not sent again.
func TestUnconfirmedCaptureIsSentAgain(t *testing.T) {
	for _, tt := range []struct {
		name  string
		fault sandbox.APIFault
		sends int // capture calls in all
	}{
		{"U without the work", sandbox.APIFault{UnknownNext: 1}, 2},
		{"HTTP 500 without the work", sandbox.APIFault{ServerErrorNext: 1}, 2},
		{"answer lost after the work", sandbox.APIFault{DropNext: 1}, 1},
	} {
		t.Run(tt.name, func(t *testing.T) {
			e := newEnv(t, Options{CaptureMode: antom.CaptureManual})
			b := e.buyer("capture-again@example.com")
			o := e.order(b, "teapot", 1) // ¥5,800
			_, paymentID := e.startCard(Viewer{BuyerID: b.ID}, o.Ref, false, 0)
			check(t, e.sb.PayCard(e.ctx, paymentID, "4242424242424242"))
			e.waitOrder(b, o.Ref, db.OrderAuthorized)

			e.sb.Faults().SetAPI("payments/capture", tt.fault)
			err := e.svc.Capture(e.ctx, "staff", o.Ref, 5000)
			if tt.fault.DropNext == 0 && !errors.Is(err, ErrCaptureNotConfirmed) {
				t.Fatalf("a capture Antom did not do: %v, want ErrCaptureNotConfirmed", err)
			}
			if tt.fault.DropNext > 0 && err != nil && !errors.Is(err, ErrCaptureNotConfirmed) {
				// done at Antom: its notifyCapture may settle it before Capture returns
				t.Fatalf("a capture whose answer was lost: %v", err)
			}
			if tt.fault.DropNext == 0 { // nothing done, so no notifyCapture either
				assertEqual(t, e.captureStatus(o.Ref), db.CaptureProcessing, "capture after the faulty call")
			}
			check(t, e.svc.Reconcile(e.ctx))
			assertEqual(t, e.captureStatus(o.Ref), db.CaptureSuccess, "capture after a reconciler pass")
			e.waitOrder(b, o.Ref, db.OrderPaid)
			assertEqual(t, e.sb.Calls("payments/capture"), tt.sends, "capture calls")
			p, err := e.sb.Payment(e.ctx, paymentID)
			check(t, err)
			assertEqual(t, p.Captured, int64(5000), "captured at the sandbox")
		})
	}
}

// captureStatus is the status of the order's only capture.
func (e *env) captureStatus(ref string) string {
	e.t.Helper()
	o, err := e.db.OrderByRef(e.ctx, ref)
	check(e.t, err)
	cs, err := e.db.OrderCaptures(e.ctx, o.ID)
	check(e.t, err)
	assertEqual(e.t, len(cs), 1, "captures")
	return cs[0].Status
}
