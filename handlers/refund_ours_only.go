package handlers

import (
	"net/url"

	"antom-checkout/checkout"
	"antom-checkout/views"
)

// oursOnlyCaution warns, on a confirmation, of failed refund r that we
// closed ourselves (OursOnly: Antom never showed it), saying where it
// stands now (checkout's ClosedByUsNow: Antom may yet report it done
// while the reconciler asks; once it stopped, when, and that Antom may
// still hold it; once a Refund lookup found none, who looked and when;
// once Antom was found processing it, that — not that Antom never
// showed it):
// money sent again for it would reach the buyer twice should Antom make
// it. It links the refund's lookup, to ask Antom first.
func oursOnlyCaution(m *views.AdminConfirm, r checkout.RefundInfo) {
	m.Caution = "Antom never showed the refund " + r.RefundRequestID + ": we closed it as failed ourselves; " + r.ClosedByUsNow() + ". "
	switch {
	case !r.FoundProcessingAt.IsZero():
		m.Caution = "We closed the refund " + r.RefundRequestID + " as failed ourselves, but " + r.ClosedByUsNow() + ". " +
			"Should Antom make it, the buyer would get this money twice."
	case r.AbsentLookedAt.IsZero():
		m.Caution += "Ask Antom first: if it is done after all, the buyer would get this money twice."
	default:
		m.Caution += "Should Antom report it done after all, the buyer would get this money twice."
	}
	m.CautionLink = "/admin/refunds/lookup?" + url.Values{"id": {r.RefundRequestID}}.Encode()
	m.CautionLinkText = "Refund lookup of " + r.RefundRequestID
}

// oursOnlyOwed is the first of refunds that failed as we decided
// ourselves (OursOnly) and is still owed to the buyer — an open failure,
// or an automatic refund, which staff return another way — false when
// none is: money sent for it again could reach the buyer twice.
func oursOnlyOwed(refunds []checkout.RefundInfo) (checkout.RefundInfo, bool) {
	for _, r := range refunds {
		if r.Status == checkout.RefundFail && r.OursOnly && (r.OpenFailure || r.Automatic) {
			return r, true
		}
	}
	return checkout.RefundInfo{}, false
}
