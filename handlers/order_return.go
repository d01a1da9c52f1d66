package handlers

import (
	"errors"
	"net/http"

	"github.com/gin-gonic/gin"

	"antom-checkout/checkout"
)

// orderReturn is the paymentRedirectUrl: Antom's page sends the buyer back
// here. The return proves nothing, so the payment is asked about at once;
// the result page then shows what Antom said. A signed-out owner (back in
// another browser) signs in first and comes back here, so the return
// still counts.
func (a *App) orderReturn(c *gin.Context) {
	ref := c.Param("ref")
	err := a.Checkout.ReturnFromPaymentPage(c.Request.Context(), a.viewer(c), ref)
	if errors.Is(err, checkout.ErrNotFound) {
		a.orderNotFound(c)
		return
	}
	if a.failed(c, err) {
		return
	}
	c.Redirect(http.StatusSeeOther, resultPath(ref))
}
