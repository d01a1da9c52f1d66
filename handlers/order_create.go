package handlers

import (
	"errors"
	"net/http"

	"github.com/gin-gonic/gin"

	"antom-checkout/checkout"
)

// createOrder starts an order at the server's price and opens its
// checkout. Guests may order too: the order carries their browser's
// guest key (orderer). Past the visitor's or the address's order limit
// it answers 429 and makes nothing (orderAllowed).
func (a *App) createOrder(c *gin.Context) {
	if !a.orderAllowed(c) {
		return
	}
	v, err := a.orderer(c)
	if a.failed(c, err) {
		return
	}
	slug := c.PostForm("product")
	o, err := a.Checkout.CreateOrder(c.Request.Context(), v, slug, c.PostForm("quantity"))
	var input *checkout.InputError
	if errors.As(err, &input) {
		a.renderStorefront(c, http.StatusUnprocessableEntity, inputMessage(c, input, "product", "quantity"), slug)
		return
	}
	if err != nil {
		a.serverError(c, err)
		return
	}
	c.Redirect(http.StatusSeeOther, checkoutPath(o.Ref))
}

// inputMessage says the message of the first of fields that has one, in
// the page's language (a buyer's InputError holds message IDs).
func inputMessage(c *gin.Context, e *checkout.InputError, fields ...string) string {
	for _, f := range fields {
		if msg := e.Fields[f]; msg != "" {
			return say(c, msg, e.Args[f])
		}
	}
	return say(c, "shop.error_choice")
}
