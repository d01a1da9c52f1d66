package handlers

import (
	"net/http"

	"github.com/gin-gonic/gin"
)

// orderReturn is the paymentRedirectUrl: Antom's page sends the buyer back
// here. The return proves nothing, so the payment is asked about at once;
// the result page then shows what Antom said.
func (a *App) orderReturn(c *gin.Context) {
	ref := c.Param("ref")
	if a.failed(c, a.Checkout.ReturnFromPaymentPage(c.Request.Context(), a.viewer(c), ref)) {
		return
	}
	c.Redirect(http.StatusSeeOther, resultPath(ref))
}
