package handlers

import (
	"errors"
	"net/http"

	"github.com/gin-gonic/gin"

	"antom-checkout/checkout"
	"antom-checkout/views"
)

func (a *App) adminLookupForm(c *gin.Context) {
	a.render(c, http.StatusOK, views.AdminLookupPage(views.AdminLookup{AdminPage: a.adminPage(c, "Refund lookup", "lookup")}))
}

// adminLookup asks Antom about a refund (inquiryRefund) and shows the
// answer; "Antom has no refund with this id" is an answer too.
func (a *App) adminLookup(c *gin.Context) {
	id := c.PostForm("id")
	r, err := a.Checkout.LookupRefund(c.Request.Context(), actor(c), id)
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
		if r.Amount.Currency != "" {
			m.Amount = r.Amount.String()
		}
		a.render(c, http.StatusOK, views.AdminLookupPage(m))
	}
}
