package views

import "strconv"

// RefundFailedLead is the first paragraph of the order page's red notice
// of open failed refunds (RefundFailed owed), true in each state of the
// failures and in any mix of them: what is owed and whether the buyer
// has the money (a refund we closed ourselves that Antom was found
// processing may yet reach them), and what staff can do now — try one
// again only when a retry is offered (RetryKey), settle one another way
// when that is offered (not LookFirst). What a refund we closed
// ourselves holds back, and its Refund lookup, are said once, on its own
// line below (LookFirstWords), not here. Staff words, English only.
func (m AdminOrderPage) RefundFailedLead() string {
	open := m.OpenFailures()
	retry, handle := false, false
	found := 0 // LookFirst and found processing
	for _, r := range open {
		retry = retry || r.RetryKey != ""
		handle = handle || !r.LookFirst
		if r.LookFirst && r.FoundProcessing != "" {
			found++
		}
	}
	leave := "Failed refunds leave " + m.RefundFailed + " owed"
	processing := "Antom is processing " + plural(found, "one", strconv.Itoa(found)) + " we closed as failed ourselves"
	if len(open) == 1 {
		leave, processing = "A failed refund leaves "+m.RefundFailed+" owed", "Antom is processing it (we closed it as failed ourselves)"
	}
	lead := leave + ": the buyer has not got this money back."
	switch {
	case found > 0:
		lead = leave + ", but " + processing + ": the buyer may yet get that money back."
	case m.OursOnlyOpen():
		lead = leave + ": as far as Antom has told us, the buyer has not got this money back."
	}
	lead += " Their order page says the refund has not gone through and that the shop has been told."
	switch {
	case retry:
		lead += " Try a failed refund again (it then counts once: the new refund takes its place), or contact the buyer."
	case handle:
		lead += " Contact the buyer, and mark a failed refund handled once it is settled with them another way."
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
