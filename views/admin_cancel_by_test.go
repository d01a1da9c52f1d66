package views

import (
	"strings"
	"testing"
)

// The order page's row for a payment whose cancel Antom has not
// confirmed says who asked for it and why: "the buyer chose to pay
// another way" only for the buyer's, the app's own with its reason —
// never "left by the buyer" of a cancel the app sent. A cancel in doubt
// is worded the same way in the order's notice.
func TestOrderPageSaysWhoAskedTheCancel(t *testing.T) {
	for _, tc := range []struct {
		by, want string
	}{
		{CancelByBuyer, "the buyer chose to pay another way"},
		{CancelByExpiry, "ours: still unknown when its time ran out"},
		{CancelByOtherPaid, "ours: another payment paid the order"},
		{CancelByClosed, "ours: we had closed it, and Antom still held it open"},
		{CancelByNoPage, "ours: Antom gave no card page"},
	} {
		m := AdminOrderPage{Ref: "ORD-1", Attempts: []AdminAttempt{{RequestID: "PR-1", Status: "PROCESSING", PaymentID: "PAY-A",
			Cancelling: true, CancelBy: tc.by}}}
		d := renderDoc(t, AdminOrderBody(m))
		got := textOf(d.Find(`[data-testid="attempt-cancelling"]`))
		if !strings.Contains(got, tc.want) || !strings.Contains(got, "not confirmed yet") {
			t.Errorf("%s: the row says %q, want %q and not confirmed", tc.by, got, tc.want)
		}
		if tc.by != CancelByBuyer && strings.Contains(strings.ToLower(got), "buyer") {
			t.Errorf("%s: the row puts the app's cancel on the buyer: %q", tc.by, got)
		}
	}
	for _, by := range []string{CancelByBuyer, CancelByStaff, CancelBySurplus, CancelByOtherPaid, CancelByClosed, CancelByNoPage, CancelByExpiry} {
		if CancelAskedWords(by) == "" {
			t.Errorf("%s: no words", by)
		}
	}
}
