package checkout

import (
	"strings"
	"testing"
	"time"

	"antom-checkout/antom"
	"antom-checkout/db"
)

// The lines a payment check writes of its own outcome — an inquiry's
// SUCCESS for another amount or a status with no rule, left for staff;
// a watch ended without a late outcome — are the app's: State whoever
// asked (a buyer's or staff's check has its own line), the reconciler's
// in its own passes (outcomeKind).
func TestPaymentCheckOutcomeLinesAreTheApps(t *testing.T) {
	e := newEnv(t, Options{})
	b, wallet, _ := payer(t, e, "lines@example.com")
	for _, asker := range []string{EventBuyer, EventStaff, ""} {
		want := EventState
		ctx := e.ctx
		if asker == "" {
			want = EventReconciler
		} else {
			ctx = withActor(ctx, asker)
		}
		o := e.processingOrder(b, "mug")
		a := e.attempt(o.Ref)
		other := &antom.InquiryPaymentResponse{PaymentStatus: antom.PaymentSuccess, PaymentAmount: antom.MinorAmount(a.Currency, a.Amount+1)}
		if e.svc.applyInquiry(ctx, a, other, "checked") {
			t.Fatal("SUCCESS for another amount was applied")
		}
		e.lineKind(o.Ref, "inquiry says SUCCESS for another amount; left for staff", want, asker)
		if e.svc.applyInquiry(ctx, a, &antom.InquiryPaymentResponse{PaymentStatus: "NO_SUCH_STATUS"}, "checked") {
			t.Fatal("a status with no rule was applied")
		}
		e.lineKind(o.Ref, `paymentStatus "NO_SUCH_STATUS" has no rule`, want, asker)
	}

	o, a := e.closedByUs(b, wallet)
	e.later(lateWatch + time.Hour)
	e.svc.checkLeased(withActor(e.ctx, EventBuyer), a.ID, "buyer asked to check", false)
	e.lineKind(o.Ref, "no late outcome of "+a.PaymentRequestID, EventState, EventBuyer)
	assertEqual(t, e.attempt(o.Ref).Status, db.AttemptFail, "still failed, no longer watched")
}

// lineKind fails the test unless order ref's timeline has exactly one
// line containing text, of kind.
func (e *env) lineKind(ref, text, kind, asker string) {
	e.t.Helper()
	events, err := e.db.Events(e.ctx, OrderSubject(ref))
	check(e.t, err)
	var found []string
	for _, ev := range events {
		if strings.Contains(ev.Detail, text) {
			found = append(found, ev.Kind)
		}
	}
	if len(found) != 1 || found[0] != kind {
		e.t.Fatalf("asked by %q: %q lines of kinds %v, want one %s line", asker, text, found, kind)
	}
}
