package handlers

import (
	"errors"
	"net/http"

	"github.com/gin-gonic/gin"

	"antom-checkout/checkout"
	"antom-checkout/views"
)

// createTestOrder starts a sandbox test payment of the amount typed and
// opens its checkout; with real Antom there is no such page (404).
func (a *App) createTestOrder(c *gin.Context) {
	b, signedIn := buyerOf(c)
	currency, amount := c.PostForm("currency"), c.PostForm("amount")
	o, err := a.Checkout.CreateTestOrder(c.Request.Context(), b.ID, currency, amount)
	var input *checkout.InputError
	switch {
	case errors.As(err, &input):
		a.renderShop(c, http.StatusUnprocessableEntity, "", "", views.TestPaymentForm{
			Amount: amount, Currency: currency, Error: inputMessage(c, input, "amount", "currency")})
		return
	case a.failed(c, err):
		return
	}
	if !signedIn {
		a.rememberGuestOrder(c, o.Ref)
	}
	c.Redirect(http.StatusSeeOther, checkoutPath(o.Ref))
}
