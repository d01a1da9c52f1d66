package checkout

import (
	"strings"
	"testing"
	"time"

	"antom-checkout/antom/sandbox"
)

// Every staff Refund lookup of our refund says on its order's timeline
// who looked, also when its answer changes nothing (still processing):
// a trial saw such a lookup only as an Antom call's line, while one that
// settled the refund named its staff member.
func TestRefundLookupThatChangesNothingSaysWhoLooked(t *testing.T) {
	for _, tc := range []struct {
		name, said string
		arrange    func(e *env)
	}{
		{"still processing", "inquiryRefund says PROCESSING", func(e *env) { e.sb.SetRefundDelay(time.Hour) }},
		{"never reached Antom", "Antom has no such refund", func(e *env) {
			e.sb.Faults().SetAPI("payments/refund", sandbox.APIFault{UnknownNext: refundTries})
		}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			e := newEnv(t, Options{})
			o, _ := paidOrder(t, e, "lookup-still@example.com")
			tc.arrange(e)
			r, err := e.refund(o.Ref, "1.00")
			check(t, err)
			got, err := e.svc.LookupRefund(e.ctx, staffActor, r.RefundRequestID)
			check(t, err)
			if got.Updated {
				t.Fatalf("the lookup settled the refund: %+v", got)
			}
			events, err := e.db.Events(e.ctx, OrderSubject(o.Ref))
			check(t, err)
			var said []string
			for _, ev := range events {
				if ev.Kind == EventStaff && ev.Actor == staffActor && strings.HasPrefix(ev.Detail, "looked up refund "+r.RefundRequestID+" at Antom: ") {
					said = append(said, ev.Detail)
				}
			}
			assertEqual(t, len(said), 1, "staff lines of the lookup")
			if !strings.Contains(said[0], tc.said) {
				t.Errorf("the lookup's line %q does not say %q", said[0], tc.said)
			}
		})
	}
}
