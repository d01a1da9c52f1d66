package handlers

import (
	"errors"
	"net/http"

	"github.com/gin-gonic/gin"

	"antom-checkout/checkout"
	"antom-checkout/views"
)

// adminLookupAsk asks Antom about a refund (inquiryRefund) — the lookup
// form's Ask Antom, and an order's refund's — and keeps the answer for
// this sign-in (keepLookup), then answers 303 to the answer's address
// (Post/Redirect/Get): Reload there shows the answer again and asks
// nothing. "Antom has no refund with this id" is an answer too. A bad id
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
	default:
		a.keepLookup(c, id, r)
		c.Redirect(http.StatusSeeOther, lookupAnswerAt(id))
	}
}
