package checkout

import (
	"strings"
	"testing"
	"time"

	"antom-checkout/antom/sandbox"
	"antom-checkout/db"
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

// Our refund looked up by its id typed in lower case is ours, and Antom
// is asked for it as our record spells it: found (not ORDER_NOT_EXIST,
// which would offer it again: paid twice); by its refundId too. An id
// not ours is answered as typed.
func TestRefundLookupInLowerCaseAsksForOurSpelling(t *testing.T) {
	e := newEnv(t, Options{})
	o, _ := paidOrder(t, e, "lookup-case@example.com")
	r, err := e.refund(o.Ref, "1.00")
	check(t, err)
	made, err := e.db.RefundByRequestID(e.ctx, r.RefundRequestID)
	check(t, err)
	for _, typed := range []string{strings.ToLower(r.RefundRequestID), made.RefundID} { // Antom's refundId: digits
		got, err := e.svc.LookupRefund(e.ctx, staffActor, typed)
		check(t, err)
		if !got.Found || got.Status != "SUCCESS" || got.OrderRef != o.Ref || got.Offered {
			t.Fatalf("lookup of %q: %+v, want our refund found SUCCESS", typed, got)
		}
	}
	got, err := e.svc.LookupRefund(e.ctx, staffActor, "rf-not-ours-1")
	check(t, err)
	if got.Found || got.ID != "rf-not-ours-1" || got.OrderRef != "" {
		t.Fatalf("lookup of an id not ours: %+v", got)
	}
}

// A refund made outside this app keeps Antom's spelling of its
// refundRequestId, in any case: looked up as staff paste it from the
// order's page, it is ours.
func TestRefundLookupFindsAnOutsideRefundAsSpelled(t *testing.T) {
	e := newEnv(t, Options{})
	o, _ := paidOrder(t, e, "lookup-outside@example.com")
	row, err := e.db.OrderByRef(e.ctx, o.Ref)
	check(t, err)
	a, err := e.db.SuccessfulAttempt(e.ctx, row.ID)
	check(t, err)
	_, err = e.db.AdoptOutsideRefund(e.ctx, db.Refund{OrderID: a.OrderID, AttemptID: a.ID, RefundRequestID: "ext-Refund-7", Currency: a.Currency,
		Amount: 100, RefundedAt: time.Now()}, time.Now())
	check(t, err)
	got, err := e.svc.LookupRefund(e.ctx, staffActor, "ext-Refund-7")
	check(t, err)
	if got.OrderRef != o.Ref {
		t.Fatalf("lookup of an outside refund's id as spelled: %+v, want ours (order %s)", got, o.Ref)
	}
}
