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
// a guest's session is made). It counts as an order (orderAllowed) once
// its amount and currency need no correcting: one to correct is answered
// first, 422, changing nothing and counting toward no limit.
func (a *App) createTestOrder(c *gin.Context) {
	if !a.Checkout.TestPaymentsOffered() {
		a.notFound(c)
		return
	}
	ctx := c.Request.Context()
	currency, amount := c.PostForm("currency"), c.PostForm("amount")
	if a.testOrderRefused(c, a.Checkout.CheckTestOrder(ctx, currency, amount), currency, amount) || !a.orderAllowed(c) {
		return
	}
	v, err := a.orderer(c)
	if a.failed(c, err) {
		return
	}
	o, err := a.Checkout.CreateTestOrder(ctx, v, currency, amount)
	if a.testOrderRefused(c, err, currency, amount) {
		return
	}
	c.Redirect(http.StatusSeeOther, checkoutPath(o.Ref))
}

// testOrderRefused answers a test payment that err refuses: its form
// saying what to correct, 422, for an *checkout.InputError; 404 or 500
// for anything else (failed). It reports whether there was an error to
// answer.
func (a *App) testOrderRefused(c *gin.Context, err error, currency, amount string) bool {
	var input *checkout.InputError
	if errors.As(err, &input) {
		a.renderShop(c, http.StatusUnprocessableEntity, "", "", views.TestPaymentForm{
			Amount: amount, Currency: currency, Error: inputMessage(c, input, "amount", "currency")})
		return true
	}
	return a.failed(c, err)
}
