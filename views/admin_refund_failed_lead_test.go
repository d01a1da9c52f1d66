package views

import (
	"strings"
	"testing"
)

// The red notice's lead speaks of every state its open failures are in:
// with one refund we closed ourselves that Antom was found processing
// and another that still waits for its first Refund lookup, it says what
// each waits for — not only the found-processing one.
func TestRefundFailedLeadCoversMixedStates(t *testing.T) {
	found := AdminRefund{Open: true, OursOnly: true, LookFirst: true,
		FoundProcessing: "Antom is processing it (found by our watch on 5 Dec 2026 14:45:15 UTC)"}
	waits := AdminRefund{Open: true, OursOnly: true, LookFirst: true}
	lead := func(refunds ...AdminRefund) string {
		return AdminOrderPage{RefundFailed: "$9.00", Refunds: refunds}.RefundFailedLead()
	}
	const (
		foundWords = "A refund we closed as failed ourselves that Antom is processing may yet be made: it can be neither tried again nor " +
			"marked handled another way, and no new refund can be made, until Antom answers or a later Refund lookup says it has none."
		waitsWords = "One we closed as failed ourselves may yet be made by Antom: until a Refund lookup says Antom has no such refund, " +
			"it can be neither tried again nor marked handled another way, and no new refund can be made."
		anotherWords = "Another we closed as failed ourselves may yet be made by Antom: until a Refund lookup says Antom has no such refund, " +
			"it can be neither tried again nor marked handled another way, and no new refund can be made."
	)
	for _, c := range []struct {
		what          string
		refunds       []AdminRefund
		want, wantNot []string
	}{
		{"found processing only", []AdminRefund{found}, []string{"but Antom is processing one we closed as failed ourselves", foundWords},
			[]string{"Refund lookup says Antom has no such refund", "as far as Antom has told us"}},
		{"waiting for a lookup only", []AdminRefund{waits}, []string{"as far as Antom has told us", waitsWords},
			[]string{"Antom is processing", "until Antom answers"}},
		{"one of each", []AdminRefund{found, waits}, []string{"but Antom is processing one we closed as failed ourselves", foundWords, anotherWords},
			[]string{"as far as Antom has told us", waitsWords}},
		{"two waiting, one found", []AdminRefund{waits, found, waits}, []string{foundWords,
			"2 others we closed as failed ourselves may yet be made by Antom: until a Refund lookup says Antom has no such refund, each can be"}, nil},
	} {
		got := lead(c.refunds...)
		for _, w := range c.want {
			if !strings.Contains(got, w) {
				t.Errorf("%s: the lead lacks %q:\n%s", c.what, w, got)
			}
		}
		for _, w := range c.wantNot {
			if strings.Contains(got, w) {
				t.Errorf("%s: the lead says %q:\n%s", c.what, w, got)
			}
		}
	}
}
