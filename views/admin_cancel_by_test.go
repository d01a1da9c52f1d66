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

// An order paid twice says that its Refunded and Refundable are of the
// payment that paid it, and that the other went back by an automatic
// refund (its row under Refunds), so "Refunded $0.00" beside a refund
// of $12.91 does not read as a contradiction; an order without one does
// not say it.
func TestOrderSummarySaysAnAutomaticRefundIsApart(t *testing.T) {
	m := AdminOrderPage{Ref: "ORD-1", Paid: "$12.91", Total: "$12.91", Refunded: "$0.00", Refundable: "$12.91",
		Refunds: []AdminRefund{{RequestID: "RF-AUTO-PR-2", Amount: "$12.91", Status: "SUCCESS", Automatic: true}}}
	for _, status := range []string{"SUCCESS", "PROCESSING", "FAIL"} { // said alike: Refunds says where each stands
		m.Refunds[0].Status = status
		got := textOf(renderDoc(t, AdminOrderBody(m)).Find(`[data-testid="order-sum-automatic"]`))
		if want := "Refunded and Refundable are of the payment that paid the order. Another payment of it, which went through after it, is refunded apart, " +
			"whole, by an automatic refund of its own: where that stands is under Refunds."; got != want {
			t.Errorf("%s: got %q, want %q", status, got, want)
		}
	}
	m.Refunds[0].Automatic = false
	if got := textOf(renderDoc(t, AdminOrderBody(m)).Find(`[data-testid="order-sum-automatic"]`)); got != "" {
		t.Errorf("a staff refund: %q", got)
	}
}
