package checkout

import (
	"errors"
	"strings"
	"testing"

	"antom-checkout/antom"
	"antom-checkout/antom/sandbox"
	"antom-checkout/db"
)

// A refund of a card payment that is only authorized is refused, with
// words true of the authorization now: while a capture is under way they
// say to wait for it (not to capture it first: it is being captured),
// while a void is under way that nothing will be left to refund — both
// neutral (Waits); waiting for staff, to capture or void it first.
// Nothing is stored or sent.
func TestRefundOfAnAuthorizationSaysWhatIsUnderWay(t *testing.T) {
	for _, tt := range []struct {
		name  string
		start func(e *env, ref string)
		want  string
		waits bool
	}{
		{"capture under way", func(e *env, ref string) {
			e.sb.Faults().SetAPI("payments/capture", sandbox.APIFault{UnknownNext: 1})
			if err := e.svc.Capture(e.ctx, staffActor, ref, 2500); !errors.Is(err, ErrCaptureNotConfirmed) {
				e.t.Fatalf("capture answered U: %v", err)
			}
		}, "Not sent: a capture of ¥2,500 is under way, and Antom has not confirmed it yet. Wait for the capture to be confirmed, then refund", true},
		{"void under way", func(e *env, ref string) {
			e.sb.Faults().SetAPI("payments/cancel", sandbox.APIFault{UnknownNext: cancelTries})
			if err := e.svc.Void(e.ctx, staffActor, ref); !errors.Is(err, ErrVoidNotConfirmed) {
				e.t.Fatalf("void answered U: %v", err)
			}
		}, "Not sent: a void of this authorization is under way", true},
		{"nothing under way", func(*env, string) {}, "This card payment is only authorized: capture it (or void it) first.", false},
	} {
		t.Run(tt.name, func(t *testing.T) {
			e := newEnv(t, Options{CaptureMode: antom.CaptureManual})
			b := e.buyer("refund-authorized@example.com")
			o := e.order(b, "teapot", 1) // ¥5,800
			_, paymentID := e.startCard(Viewer{BuyerID: b.ID}, o.Ref, false, 0)
			check(t, e.sb.PayCard(e.ctx, paymentID, "4242424242424242"))
			e.waitOrder(b, o.Ref, db.OrderAuthorized)
			tt.start(e, o.Ref)

			_, err := e.refund(o.Ref, "10")
			var c *ConflictError
			if !errors.As(err, &c) || !strings.HasPrefix(c.Message, tt.want) {
				t.Fatalf("refund of an authorization: %v, want a conflict saying %q", err, tt.want)
			}
			if strings.Contains(c.Message, "capture it") && tt.waits {
				t.Fatalf("refusal %q tells staff to capture what is under way", c.Message)
			}
			assertEqual(t, c.Waits, tt.waits, "the refusal waits for Antom")
			assertEqual(t, e.sb.Calls("payments/refund"), 0, "refund calls")
			stored, err := e.db.OrderByRef(e.ctx, o.Ref)
			check(t, err)
			refunds, err := e.db.OrderRefunds(e.ctx, stored.ID)
			check(t, err)
			assertEqual(t, len(refunds), 0, "refunds stored")
		})
	}
}
