package handlers

import (
	"net/http"
	"net/url"
	"testing"

	"antom-checkout/db"
)

// A refund form sent straight (past the confirmation, as a second tab's
// or an old form can be) for more than is left, because a colleague's
// refund made it so since the form was shown, says how much is refunded
// already — not only "At most … can be refunded".
func TestRefundSentStraightAfterAColleaguesSaysWhatIsRefunded(t *testing.T) {
	ta := newAdminApp(t)
	ref, attempt := ta.paidOrder(t, "too-much@example.com") // $37.00
	ta.refund(t, ref, attempt, 2350, db.RefundSuccess)      // a colleague's, made since the form was shown
	b := ta.client(t)
	b.staffSignIn()
	p := b.post("/admin/orders/"+ref+"/refunds", shownBefore(t, ta, b, "/admin/orders/"+ref+"/refunds", url.Values{"amount": {"20.00"}, "key": {"KEYSTRAIGHT"}}))
	assertEqual(t, p.status, http.StatusUnprocessableEntity, "a refund for more than is left")
	assertEqual(t, textOf(t, html(t, p.body), "amount-error"),
		"At most $13.50 can be refunded. ($23.50 of this payment is refunded already: see its refunds.)", "the amount's error")
}
