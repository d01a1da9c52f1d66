package handlers

import (
	"errors"
	"fmt"
	"net/http"

	"github.com/gin-gonic/gin"

	"antom-checkout/checkout"
	"antom-checkout/views"
)

// adminLookupAsk asks Antom about a refund (inquiryRefund) — the lookup
// form's Ask Antom, and an order's refund's — and keeps the answer for
// this sign-in (keepLookup), then answers 303 to the answer's address
// (Post/Redirect/Get): Reload there shows the answer again and asks
// nothing. "Antom has no refund with this id" is an answer too. The
// paymentRequestId or paymentId of one of our payments asks Antom
// nothing: it answers 303 to that payment's order, which says what the
// id was (lookupNamedPayment). A bad id
// shows the form with its error (422), nothing asked. A lookup refused
// for where things stand (another worker is asking Antom about that
// refund right now) answers 303 to the lookup form with the id, which
// says so once (refusedTo).
func (a *App) adminLookupAsk(c *gin.Context) {
	id := c.PostForm("id")
	r, err := a.Checkout.LookupRefund(c.Request.Context(), actor(c), id)
	if a.refusedTo(c, lookupAt(id), err) {
		return
	}
	var input *checkout.InputError
	switch {
	case errors.As(err, &input):
		m := views.AdminLookup{AdminPage: a.adminPage(c, "Refund lookup", "lookup"), ID: id, Errors: input.Fields}
		a.render(c, http.StatusUnprocessableEntity, views.AdminLookupPage(m))
	case err != nil:
		a.serverError(c, err)
	case r.PaymentIDKind != "":
		// A payment's id pasted into the refund lookup: its order, whose
		// page lists its refunds, each with its own lookup.
		a.noteTo(c, "/admin/orders/"+r.OrderRef, lookupNamedPayment(r))
	default:
		a.keepLookup(c, id, r)
		c.Redirect(http.StatusSeeOther, lookupAnswerAt(id))
	}
}

// lookupNamedPayment is the order page's note after a Refund lookup of r.ID,
// which named no refund but a payment of that order (r.PaymentIDKind):
// what the id is, that Antom was not asked, and where the order's
// refunds are.
func lookupNamedPayment(r checkout.RefundLookup) string {
	what := "the " + r.PaymentIDKind + " of a payment of this order"
	if r.PaymentIDKind == checkout.LookedUpRef {
		what = "this order's ref"
	}
	msg := "You looked up " + r.ID + ", " + what + ", not a refund's id, so Antom was not asked. " +
		"Refund lookup takes a refundRequestId or a refundId: "
	switch r.Refunds {
	case 0:
		return msg + "this order has no refunds."
	case 1:
		return msg + "this order's refund is listed below, with its own Ask Antom."
	}
	return msg + fmt.Sprintf("this order's %d refunds are listed below, each with its own Ask Antom.", r.Refunds)
}
