package handlers

import (
	"errors"
	"net/http"

	"github.com/gin-gonic/gin"

	"antom-checkout/checkout"
	"antom-checkout/views"
)

// createTestOrder starts a sandbox test payment of the amount typed and
// opens its checkout; with real Antom there is no such page (404, before
// a guest's session is made). It counts as an order (orderAllowed).
func (a *App) createTestOrder(c *gin.Context) {
	if !a.Checkout.TestPaymentsOffered() {
		a.notFound(c)
		return
	}
	if !a.orderAllowed(c) {
		return
	}
	v, err := a.orderer(c)
	if a.failed(c, err) {
		return
	}
	currency, amount := c.PostForm("currency"), c.PostForm("amount")
	o, err := a.Checkout.CreateTestOrder(c.Request.Context(), v, currency, amount)
	var input *checkout.InputError
	switch {
	case errors.As(err, &input):
		a.renderShop(c, http.StatusUnprocessableEntity, "", "", views.TestPaymentForm{
			Amount: amount, Currency: currency, Error: inputMessage(c, input, "amount", "currency")})
		return
	case a.failed(c, err):
		return
	}
	c.Redirect(http.StatusSeeOther, checkoutPath(o.Ref))
}
