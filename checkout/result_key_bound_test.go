package checkout

import "testing"

// A result page showing an order's last attempt offers no other way to
// pay once the order's attempts are used up (its key changes with it), so
// a page kept open in another tab is brought up to date rather than left
// offering a Pay another way the server refuses.
func TestResultKeyChangesWhenAttemptsAreUsedUp(t *testing.T) {
	r := Result{State: ResultFailed}
	before := r.Key()
	r.AttemptsUsedUp = true
	if r.Key() == before {
		t.Fatalf("the key %q did not change when the attempts were used up", before)
	}
}
