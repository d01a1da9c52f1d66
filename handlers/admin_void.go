package handlers

import (
	"github.com/gin-gonic/gin"

	"antom-checkout/views"
)

// adminVoid releases an authorization that was not captured (cancel).
func (a *App) adminVoid(c *gin.Context) {
	ref := c.Param("ref")
	err := a.Checkout.Void(c.Request.Context(), actor(c), ref)
	a.afterCardAction(c, ref, err, &views.CaptureForm{}, "Authorization voided.")
}
