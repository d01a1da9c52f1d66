package checkout

import (
	"context"
	"testing"
	"time"

	"antom-checkout/antom/sandbox"
	"antom-checkout/db"
)

// A buyer back from the hosted card page through our return address,
// whose payment Antom cannot tell us about yet, is told it is being
// confirmed — not that the card page was left unfinished (an offer to pay
// another way would invite paying twice). Once Antom answers, the page
// says what it said.
func TestReturnedFromCardPageIsProcessingUntilAntomAnswers(t *testing.T) {
	e := newEnv(t, Options{})
	b := e.buyer("returned@example.com")
	v := Viewer{BuyerID: b.ID}
	state := func(ref, want, what string) {
		t.Helper()
		r, err := e.svc.OrderResult(e.ctx, v, ref)
		check(t, err)
		assertEqual(t, r.State, want, what+": result page")
		c, err := e.svc.CheckoutResult(e.ctx, v, ref)
		check(t, err)
		assertEqual(t, c.State, want, what+": checkout page")
		l, err := e.svc.AdminOrders(e.ctx, OrderFilter{Query: ref})
		check(t, err)
		assertEqual(t, l.Items[0].State, want, what+": admin's list")
	}
	e.sb.Faults().SetNotify(sandbox.NotifyFault{DropNext: 100})

	// Paid on the card page; every inquiry answers UNKNOWN.
	paid := e.order(b, "coffee", 1)
	_, paymentID := e.startCard(v, paid.Ref, false, 0)
	state(paid.Ref, ResultCardPage, "on the card page")
	check(t, e.sb.PayCard(e.ctx, paymentID, "4242424242424242"))
	e.sb.Faults().SetAPI("payments/inquiryPayment", sandbox.APIFault{UnknownNext: 1000})
	check(t, e.returnFrom(e.ctx, v, paid.Ref))
	assertEqual(t, e.attempt(paid.Ref).Status, db.AttemptProcessing, "attempt while Antom answers UNKNOWN")
	state(paid.Ref, ResultProcessing, "back, result unknown")

	// Left the card page without paying (Cancel leads to the same return
	// address): while unknown it is being confirmed too; once Antom says
	// the payment is still open, the page was left unfinished.
	left := e.order(b, "mug", 1)
	e.startCard(v, left.Ref, false, 0)
	check(t, e.returnFrom(e.ctx, v, left.Ref))
	state(left.Ref, ResultProcessing, "back without paying, result unknown")
	e.sb.Faults().SetAPI("payments/inquiryPayment", sandbox.APIFault{})
	// Back again later: a return within manualCheckEvery of the last
	// inquiry shows what is known and asks nothing.
	clock := e.freezeClock()
	clock.set(manualCheckEvery + time.Second)
	check(t, e.returnFrom(e.ctx, v, left.Ref))
	state(left.Ref, ResultCardPage, "back without paying, Antom says PROCESSING")

	// The paid one, once Antom answers: paid.
	check(t, e.returnFrom(e.ctx, v, paid.Ref))
	state(paid.Ref, ResultPaid, "back, Antom says SUCCESS")
}

// returnFrom is the buyer's return from Antom's page, answered in time
// (Options.ActionWait): its error, the checks it saw left aside.
func (e *env) returnFrom(ctx context.Context, v Viewer, ref string) error {
	e.t.Helper()
	_, err := e.svc.ReturnFromPaymentPage(ctx, v, ref)
	return err
}
