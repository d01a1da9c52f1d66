package handlers

import (
	"errors"
	"net/http"

	"github.com/gin-gonic/gin"

	"antom-checkout/checkout"
	"antom-checkout/views"
)

// adminRefund refunds part or all of a paid order. The form's key makes
// a double submit one refund; field errors show the form again (422).
func (a *App) adminRefund(c *gin.Context) {
	ref := c.Param("ref")
	in := checkout.RefundInput{Amount: c.PostForm("amount"), Reason: c.PostForm("reason"), Key: c.PostForm("key")}
	r, repeat, err := a.Checkout.RefundOrder(c.Request.Context(), actor(c), ref, in)
	var input *checkout.InputError
	switch {
	case errors.Is(err, checkout.ErrNotFound):
		a.notFound(c)
	case errors.As(err, &input):
		sent := &views.RefundForm{Amount: in.Amount, Reason: in.Reason, Key: in.Key, Errors: input.Fields}
		a.renderAdminOrder(c, http.StatusUnprocessableEntity, ref, orderForms{refund: sent})
	case err != nil:
		a.serverError(c, err)
	default:
		a.flash(c, refundNotice(r, repeat))
		c.Redirect(http.StatusSeeOther, "/admin/orders/"+ref)
	}
}

// refundNotice says what became of a refund.
func refundNotice(r checkout.RefundInfo, repeat bool) string {
	prefix := ""
	if repeat {
		prefix = "This refund was already sent. "
	}
	switch r.Status {
	case checkout.RefundSuccess:
		return prefix + "Refunded " + r.Amount.String() + "."
	case checkout.RefundFail:
		return prefix + "Antom refused the refund of " + r.Amount.String() + ": " + r.Words
	}
	return prefix + "Refund of " + r.Amount.String() + " sent; Antom is still processing it."
}
