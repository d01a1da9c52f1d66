package handlers

import (
	"errors"
	"net/http"
	"net/url"
	"strings"

	"github.com/gin-gonic/gin"

	"antom-checkout/checkout"
	"antom-checkout/views"
)

// adminLookupForm is the refund lookup's form, prefilled with ?id= (a
// refundRequestId or refundId, as the confirm page links it); nothing is
// asked of Antom until staff press the button.
func (a *App) adminLookupForm(c *gin.Context) {
	id := c.Query("id")
	if !checkout.RefundLookupIDFits(id) {
		id = ""
	}
	a.render(c, http.StatusOK, views.AdminLookupPage(views.AdminLookup{AdminPage: a.adminPage(c, "Refund lookup", "lookup"), ID: id}))
}

// adminLookup asks Antom about a refund (inquiryRefund) and shows the
// answer; "Antom has no refund with this id" is an answer too. A lookup
// refused for where things stand (another worker is asking Antom about
// that refund right now) answers 303 to the lookup form with the id,
// which says so once (refusedTo).
func (a *App) adminLookup(c *gin.Context) {
	id := c.PostForm("id")
	r, err := a.Checkout.LookupRefund(c.Request.Context(), actor(c), id)
	if a.refusedTo(c, "/admin/refunds/lookup?"+url.Values{"id": {strings.TrimSpace(id)}}.Encode(), err) {
		return
	}
	m := views.AdminLookup{AdminPage: a.adminPage(c, "Refund lookup", "lookup"), ID: id}
	var input *checkout.InputError
	switch {
	case errors.As(err, &input):
		m.Errors = input.Fields
		a.render(c, http.StatusUnprocessableEntity, views.AdminLookupPage(m))
	case err != nil:
		a.serverError(c, err)
	default:
		m.Done, m.Found, m.Status, m.RefundID, m.RefundRequestID = true, r.Found, r.Status, r.RefundID, r.RefundRequestID
		m.At, m.OrderRef, m.Updated = r.RefundedAt, r.OrderRef, r.Updated
		m.Processing, m.Recorded = r.Processing, r.Recorded
		m.Offered, m.OfferedNow = r.Offered, r.OfferedNow
		if r.Amount.Currency != "" {
			m.Amount = r.Amount.String()
		}
		a.render(c, http.StatusOK, views.AdminLookupPage(m))
	}
}
