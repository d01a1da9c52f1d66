package checkout

import "testing"

// A result page showing an order's last attempt offers no other way to
// pay once the order can no longer be paid (its key changes with it, and
// with why), so a page kept open in another tab is brought up to date
// rather than left offering a Pay another way the server refuses.
func TestResultKeyChangesWhenTheOrderCanNoLongerBePaid(t *testing.T) {
	seen := map[string]Unpayable{}
	for _, why := range []Unpayable{"", UnpayableAttemptsUsedUp, UnpayableNotForSale} {
		key := Result{State: ResultFailed, Unpayable: why}.Key()
		if before, ok := seen[key]; ok {
			t.Fatalf("the key %q is the same for %q and %q", key, before, why)
		}
		seen[key] = why
	}
}
