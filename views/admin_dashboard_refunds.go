package views

import "strconv"

// The dashboard's words about failed refunds and refunds made twice:
// staff words, English only.

// RefundsFailedLookFirstWords says, after the dashboard's count of
// failed refunds to make again or settle another way, that
// RefundsFailedLookFirst of them (at least one) were closed as failed by
// us — all of them, or how many — and what each waits for: a Refund
// lookup saying Antom has none, or, for the RefundsFoundProcessing Antom
// was found processing, Antom's answer or a later lookup.
func (m AdminDashboard) RefundsFailedLookFirstWords() string {
	n, found := m.RefundsFailedLookFirst, m.RefundsFoundProcessing
	lead := "— closed as failed by us, which Antom may yet make: "
	if n != m.RefundsFailed {
		lead = "— " + strconv.Itoa(n) + " closed as failed by us, which Antom may yet make: "
	}
	const lookup = " for a Refund lookup saying Antom has none"
	const answer = " for Antom's answer or a later Refund lookup saying Antom has none"
	switch {
	case found == 0:
		return lead + plural(n, "it waits", "each waits") + lookup
	case found == n:
		return lead + "Antom is processing " + plural(n, "it, which waits", "them, and each waits") + answer
	}
	others := n - found
	return lead + "Antom is processing " + strconv.Itoa(found) + " of them, which " + plural(found, "waits", "wait") + answer +
		"; " + plural(others, "the other waits", "the other "+strconv.Itoa(others)+" wait") + lookup
}

// RefundsLookFirstLead opens the list of the failures the dashboard
// names (RefundsLookFirstShown, at least one): which they are — those
// closed as failed by us that wait for a lookup, not the oldest failures
// of all — "(the ones to look up, oldest first:", or for one alone "(the
// one to look up:".
func (m AdminDashboard) RefundsLookFirstLead() string {
	if m.RefundsFailedLookFirst == 1 {
		return "(the one to look up:"
	}
	return "(the ones to look up, oldest first:"
}

// RefundsLookFirstAfter is what follows the i-th (from 0) of the
// failures the dashboard names (RefundsLookFirstShown): a comma, or after
// the last how many of RefundsFailedLookFirst it does not name and the
// list's closing parenthesis (" and 2 more)", or only ")").
func (m AdminDashboard) RefundsLookFirstAfter(i int) string {
	if i < len(m.RefundsLookFirstShown)-1 {
		return ", "
	}
	if more := m.RefundsFailedLookFirst - len(m.RefundsLookFirstShown); more > 0 {
		return " and " + strconv.Itoa(more) + " more)"
	}
	return ")"
}

// RefundsTwiceWords follows the dashboard's count of refunds made twice
// or that may be (RefundsPaidTwice, the filter's): those made (the buyer
// got the money twice) apart from the RefundsMaybeTwice the buyer gets
// twice only if Antom makes them (retries Antom is still processing whose
// original it made, and refunds made good already that Antom is found
// processing).
func (m AdminDashboard) RefundsTwiceWords() string {
	all, maybe := m.RefundsPaidTwice, m.RefundsMaybeTwice
	made := all - maybe
	const madeWhy = "settled another way or tried again, then made by Antom after all: the buyer got the money twice"
	maybeWhy := plural(maybe, "a retry", "retries") + " Antom is still processing " + plural(maybe, "whose original", "whose originals") +
		" it made after all, or " + plural(maybe, "a refund", "refunds") + " made good already that Antom is found processing: if Antom makes " +
		plural(maybe, "it", "them") + ", the buyer gets the money twice"
	switch {
	case maybe == 0:
		return plural(all, "refund", "refunds") + " made twice (" + madeWhy + ")"
	case made == 0:
		return plural(all, "refund", "refunds") + " that may be made twice (" + maybeWhy + ")"
	}
	return "refunds made twice or that may be: " + strconv.Itoa(made) + " made twice (" + madeWhy + "), " +
		strconv.Itoa(maybe) + " may be (" + maybeWhy + ")"
}
