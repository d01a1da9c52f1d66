package handlers

import (
	"errors"
	"net/http"

	"github.com/gin-gonic/gin"

	"antom-checkout/checkout"
)

// createOrder starts an order at the server's price and opens its
// checkout. Guests may order too: their session remembers the order.
func (a *App) createOrder(c *gin.Context) {
	b, signedIn := buyerOf(c)
	slug := c.PostForm("product")
	o, err := a.Checkout.CreateOrder(c.Request.Context(), b.ID, slug, c.PostForm("quantity"))
	var input *checkout.InputError
	if errors.As(err, &input) {
		a.renderStorefront(c, http.StatusUnprocessableEntity, inputMessage(input, "product", "quantity"), slug)
		return
	}
	if err != nil {
		a.serverError(c, err)
		return
	}
	if !signedIn {
		a.rememberGuestOrder(c, o.Ref)
	}
	c.Redirect(http.StatusSeeOther, checkoutPath(o.Ref))
}

// inputMessage returns the message of the first of fields that has one.
func inputMessage(e *checkout.InputError, fields ...string) string {
	for _, f := range fields {
		if msg := e.Fields[f]; msg != "" {
			return msg
		}
	}
	return "Please check your choice and try again."
}
