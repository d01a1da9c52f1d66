package handlers

import (
	"net/url"

	"antom-checkout/checkout"
	"antom-checkout/views"
)

// oursOnlyCaution warns, on a confirmation, of failed refund r that we
// closed ourselves (OursOnly: Antom never showed it; the reconciler asks
// about it for a day after): Antom may yet report it done, and money sent
// again for it would reach the buyer twice. It links the refund's
// lookup, to ask Antom first.
//
// Once a Refund lookup found Antom has no such refund (a retry, a
// settlement another way and new refunds wait for one: checkout's
// needsLookup), it says so instead of asking for one.
func oursOnlyCaution(m *views.AdminConfirm, r checkout.RefundInfo) {
	m.Caution = "Antom never showed the refund " + r.RefundRequestID + ": we closed it as failed ourselves, and Antom may yet report it done. " +
		"Ask Antom first: if it is done after all, the buyer would get this money twice."
	if !r.AbsentLookedAt.IsZero() {
		m.Caution = "Antom never showed the refund " + r.RefundRequestID + ": we closed it as failed ourselves, and a Refund lookup by " +
			r.AbsentLookedBy + " since found no such refund at Antom. Should Antom report it done after all, the buyer would get this money twice."
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
