package handlers

import (
	"net/url"

	"antom-checkout/checkout"
	"antom-checkout/views"
)

// oursOnlyCaution warns, on a confirmation, of failed refund r that we
// closed ourselves (OursOnly: Antom never showed it, and we still ask
// about it for a day): Antom may yet report it done, and money sent
// again for it would reach the buyer twice. It links the refund's
// lookup, to ask Antom first.
func oursOnlyCaution(m *views.AdminConfirm, r checkout.RefundInfo) {
	m.Caution = "Antom never showed the refund " + r.RefundRequestID + ": we closed it as failed ourselves and still ask Antom about it for a day. " +
		"Ask Antom first: if it is done after all, the buyer would get this money twice."
	m.CautionLink = "/admin/refunds/lookup?" + url.Values{"id": {r.RefundRequestID}}.Encode()
	m.CautionLinkText = "Refund lookup of " + r.RefundRequestID
}
