package handlers

import (
	"errors"
	"net/http"

	"github.com/gin-gonic/gin"

	"antom-checkout/checkout"
)

// orderReturn is the paymentRedirectUrl: Antom's page sends the buyer back
// here. The return proves nothing, so the payment is asked about at once;
// the result page then shows what Antom said.
func (a *App) orderReturn(c *gin.Context) {
	ref := c.Param("ref")
	err := a.Checkout.ReturnFromPaymentPage(c.Request.Context(), a.viewer(c), ref)
	if errors.Is(err, checkout.ErrNotFound) {
		a.notFound(c)
		return
	}
	if err != nil {
		a.serverError(c, err)
		return
	}
	c.Redirect(http.StatusSeeOther, resultPath(ref))
}
