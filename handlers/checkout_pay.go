package handlers

import (
	"errors"
	"net/http"
	"strconv"

	"github.com/gin-gonic/gin"

	"antom-checkout/checkout"
)

// checkoutPay pays an order in one click with one of the buyer's saved
// wallets. Whatever the outcome (paid, failed or still being confirmed),
// the result page says it; an order already paid or being paid is not
// paid twice.
func (a *App) checkoutPay(c *gin.Context) {
	b, _ := buyerOf(c)
	ref := c.Param("ref")
	err := a.Checkout.PayOrderWithWallet(c.Request.Context(), b.ID, ref, formID(c, "wallet"), buyerEnv(c))
	var input *checkout.InputError
	switch {
	case errors.Is(err, checkout.ErrNotFound):
		a.notFound(c)
	case errors.As(err, &input):
		a.payProblem(c, inputMessage(c, input, "wallet"))
	case errors.Is(err, checkout.ErrPaymentInProgress), errors.Is(err, checkout.ErrOrderPaid), err == nil:
		c.Redirect(http.StatusSeeOther, resultPath(ref))
	default:
		a.serverError(c, err)
	}
}

// payProblem shows the checkout again with why the payment could not
// start, unless the order has nothing left to pay.
func (a *App) payProblem(c *gin.Context, problem string) {
	r, ok := a.viewerResult(c)
	if !ok {
		return
	}
	if nothingToPay(r.Order) {
		c.Redirect(http.StatusSeeOther, resultPath(r.Order.Ref))
		return
	}
	a.renderCheckout(c, http.StatusUnprocessableEntity, r, problem)
}

// formID reads an id from a form field; 0, which names nothing, when the
// field is missing or malformed.
func formID(c *gin.Context, field string) int64 {
	id, err := strconv.ParseInt(c.PostForm(field), 10, 64)
	if err != nil {
		return 0
	}
	return id
}
