package views

import (
	"strings"
	"testing"
)

// The red notice's lead speaks of every state its open failures are in
// (owed, and whether the buyer may yet get the money), and leaves what a
// refund we closed ourselves holds back to that refund's own line
// (LookFirstWords), which says it once for each state: found processing
// waits for Antom's answer or a later lookup, the other for a lookup.
func TestRefundFailedLeadCoversMixedStates(t *testing.T) {
	found := AdminRefund{RequestID: "RF-1", Open: true, OursOnly: true, LookFirst: true, RetryAfterLookup: true,
		FoundProcessing: "Antom is processing it (found by our watch on 5 Dec 2026 14:45:15 UTC)"}
	waits := AdminRefund{RequestID: "RF-2", Open: true, OursOnly: true, LookFirst: true, RetryAfterLookup: true}
	page := func(refunds ...AdminRefund) AdminOrderPage {
		return AdminOrderPage{RefundFailed: "$9.00", Refunds: refunds, RefundWaitsFor: []string{"RF-1", "RF-2"}}
	}
	for _, c := range []struct {
		what          string
		refunds       []AdminRefund
		want, wantNot []string
	}{
		{"found processing only", []AdminRefund{found}, []string{"A failed refund leaves", "but Antom is processing it (we closed it as failed ourselves)"},
			[]string{"as far as Antom has told us"}},
		{"waiting for a lookup only", []AdminRefund{waits}, []string{"as far as Antom has told us"}, []string{"Antom is processing"}},
		{"one of each", []AdminRefund{found, waits}, []string{"but Antom is processing one we closed as failed ourselves"},
			[]string{"as far as Antom has told us"}},
		{"two waiting, one found", []AdminRefund{waits, found, waits}, []string{"but Antom is processing one we closed"}, nil},
	} {
		got := page(c.refunds...).RefundFailedLead()
		for _, w := range c.want {
			if !strings.Contains(got, w) {
				t.Errorf("%s: the lead lacks %q:\n%s", c.what, w, got)
			}
		}
		for _, w := range append(c.wantNot, "Refund lookup", "look it up", "Look it up", "tried again nor") {
			if strings.Contains(got, w) {
				t.Errorf("%s: the lead says %q:\n%s", c.what, w, got)
			}
		}
	}
	m := page(found, waits)
	for _, c := range []struct {
		r    AdminRefund
		want string
	}{
		{found, "Until Antom answers or a later Refund lookup says it has none, it can be neither tried again nor marked handled another way, " +
			"and no new refund can be made: the buyer could be refunded twice."},
		{waits, "Until a Refund lookup says Antom has no such refund, it can be neither tried again nor marked handled another way, " +
			"and no new refund can be made: if Antom made it after all, the buyer would be refunded twice."},
		{AdminRefund{RequestID: "RF-3", LookFirst: true}, "Until a Refund lookup says Antom has no such refund, it cannot be marked handled another way: " +
			"if Antom made it after all, the buyer would be refunded twice."},
	} {
		if got := m.LookFirstWords(c.r); got != c.want {
			t.Errorf("%s: %q, want %q", c.r.RequestID, got, c.want)
		}
	}
}
