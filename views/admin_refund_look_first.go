package views

import (
	"slices"
	"strconv"
)

// LookFirstWords is the one sentence of the order page's red notice that
// says what a refund we closed as failed ourselves (r, LookFirst) holds
// back and until when, beside its one Refund lookup button: the refund's
// own words (r.Words, the line above it) have said how it stands, so this
// says only what waits — trying it again when the lookup would bring that
// back (RetryAfterLookup), marking it handled another way, and a new
// refund of the order when that waits for it (RefundWaitsFor) — and why.
// Found processing (r.FoundProcessing): until Antom answers or a later
// lookup says it has none; else until a lookup says Antom has none.
// Staff words, English only.
func (m AdminOrderPage) LookFirstWords(r AdminRefund) string {
	held := "it cannot be marked handled another way"
	if r.RetryAfterLookup {
		held = "it can be neither tried again nor marked handled another way"
	}
	if slices.Contains(m.RefundWaitsFor, r.RequestID) {
		held += ", and no new refund can be made"
	}
	if r.FoundProcessing != "" {
		return "Until Antom answers or a later Refund lookup says it has none, " + held + ": the buyer could be refunded twice."
	}
	return "Until a Refund lookup says Antom has no such refund, " + held + ": if Antom made it after all, the buyer would be refunded twice."
}

// RefundWaitsWords stands in for the Refund form while new refunds wait
// for the lookups of refunds we closed as failed ourselves (ids,
// RefundWaitsFor, at least one): it refers to the red notice above,
// which says each one's state and holds its Refund lookup, and says why
// without repeating them. The words come in three parts around the
// refund's id (set apart, as ids are): before, id ("" with several
// refunds: the notice names each), after.
func (m AdminOrderPage) RefundWaitsWords(ids []string) (before, id, after string) {
	why := ": a new refund could count towards making it good (it makes good the oldest failed refunds first), so the buyer could be refunded twice."
	switch {
	case len(ids) > 1:
		return "New refunds wait for the " + strconv.Itoa(len(ids)) + " refunds we closed as failed ourselves, each as the red notice above says" +
			": a new refund could count towards making them good (it makes good the oldest failed refunds first), so the buyer could be refunded twice.", "", ""
	case m.FoundProcessingOf(ids[0]) != "":
		return "New refunds wait for Antom's answer about ", ids[0], ", or a later Refund lookup of it (red notice above)" + why
	}
	return "New refunds wait for the Refund lookup of ", ids[0], " in the red notice above" + why
}
