package views

// RefundFailedLead is the first paragraph of the order page's red notice
// of open failed refunds (RefundFailed owed), true in each state of the
// failures: what is owed and whether the buyer has the money (a refund we
// closed ourselves that Antom was found processing may yet reach them),
// and what staff can do now — try one again only when a retry is
// offered (RetryKey), settle one another way when that is offered (not
// LookFirst), and otherwise that a refund we closed ourselves waits for a
// Refund lookup saying Antom has none (or, found processing, for Antom's
// answer or a later lookup). Staff words, English only.
func (m AdminOrderPage) RefundFailedLead() string {
	open := m.OpenFailures()
	retry, handle, waits, found := false, false, false, false
	for _, r := range open {
		retry = retry || r.RetryKey != ""
		handle = handle || !r.LookFirst
		waits = waits || r.LookFirst
		found = found || r.FoundProcessing != ""
	}
	lead := "Failed refunds leave " + m.RefundFailed + " owed: the buyer has not got this money back."
	switch {
	case m.OursOnlyOpen() && !found:
		lead = "Failed refunds leave " + m.RefundFailed + " owed: as far as Antom has told us, the buyer has not got this money back."
	case found:
		lead = "Failed refunds leave " + m.RefundFailed + " owed, but Antom is processing one we closed as failed ourselves: " +
			"the buyer may yet get that money back."
	}
	lead += " Their order page says the refund has not gone through and that the shop has been told."
	switch {
	case retry:
		lead += " Try a failed refund again (it then counts once: the new refund takes its place), or contact the buyer."
	case handle:
		lead += " Contact the buyer, and mark a failed refund handled once it is settled with them another way."
	}
	if waits {
		if found {
			lead += " A refund we closed as failed ourselves that Antom is processing may yet be made: it can be neither tried again " +
				"nor marked handled another way, and no new refund can be made, until Antom answers or a later Refund lookup says it has none."
		} else {
			lead += " One we closed as failed ourselves may yet be made by Antom: until a Refund lookup says Antom has no such refund, " +
				"it can be neither tried again nor marked handled another way, and no new refund can be made."
		}
	}
	return lead
}

// FoundProcessingOf is the FoundProcessing words of the order's refund
// with refundRequestId id ("" when it has none, or no such refund).
func (m AdminOrderPage) FoundProcessingOf(id string) string {
	for _, r := range m.Refunds {
		if r.RequestID == id {
			return r.FoundProcessing
		}
	}
	return ""
}

// failedVerb is what follows an open failed refund's amount in a row of
// the red notice, before its words: Antom's own failure " failed."; one
// we closed as failed ourselves (oursOnly) only " —", its words saying
// how it stands (Antom may yet make it, or is making it), never "failed."
// before "Antom is processing it".
func failedVerb(oursOnly bool) string {
	if oursOnly {
		return " —"
	}
	return " failed."
}
