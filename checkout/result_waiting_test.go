package checkout

import (
	"testing"

	"antom-checkout/antom"
	"antom-checkout/db"
)

// The buyer's page waits for news exactly while a state can still change
// by itself: an open payment, or one a cancel of ours sent and not
// answered may still change — a success it may reverse, or a payment we
// closed ourselves that Antom still held open. A payment Antom ended (or
// a cancel already answered) is final: the page stops, even with a
// cancel stored over it.
func TestResultWaitsWhileACancelOfOursMayChangeIt(t *testing.T) {
	e := newEnv(t, Options{})
	b := e.buyer("waits@example.com")
	v := Viewer{BuyerID: b.ID}
	// want[state] is whether the page waits without a cancel stored after
	// the state, and with one.
	want := map[string][2]bool{
		stateProcessing:           {true, true},
		stateSuccess:              {false, true},
		stateFail:                 {false, false},
		stateCancelled:            {false, false},
		stateFailOurs:             {false, true},
		stateCancelledOurs:        {false, true},
		stateCancelledPaid:        {false, false}, // answered: no cancel can be stored again
		stateSuccessCancelInDoubt: {true, true},
	}
	for _, state := range append(attemptStates[:len(attemptStates):len(attemptStates)], stateSuccessCancelInDoubt) {
		for i, cancel := range []bool{false, true} {
			a := e.attemptIn(b, state, db.MethodCard, antom.CaptureAutomatic)
			if cancel {
				_, err := e.db.RequestCancel(e.ctx, a.ID, "", e.svc.now())
				check(t, err)
			}
			o, err := e.db.OrderByID(e.ctx, a.OrderID)
			check(t, err)
			r := e.result(v, o.Ref)
			if r.Waiting() != want[state][i] {
				t.Errorf("%s, cancel stored after: %v: page %s waits %v, want %v", state, cancel, r.State, r.Waiting(), want[state][i])
			}
		}
	}
}
