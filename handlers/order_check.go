package handlers

import (
	"errors"
	"net/http"

	"github.com/gin-gonic/gin"

	"antom-checkout/checkout"
	"antom-checkout/db"
)

// orderCheck is "I have paid — check again": the payment is looked up
// with Antom at once, then the result page shows what it said.
func (a *App) orderCheck(c *gin.Context) {
	ref := c.Param("ref")
	err := a.Checkout.CheckNow(c.Request.Context(), a.viewer(c), ref)
	switch {
	case errors.Is(err, checkout.ErrNotFound):
		a.notFound(c)
		return
	case errors.Is(err, checkout.ErrTooSoon):
		a.flash(c, "We checked a moment ago. We keep checking, and this page shows the result as soon as we know it.")
	case err != nil:
		a.serverError(c, err)
		return
	case a.stillProcessing(c, ref):
		a.flash(c, "We asked again: your payment is still being confirmed. This page shows the result as soon as we know it.")
	}
	c.Redirect(http.StatusSeeOther, resultPath(ref))
}

// stillProcessing reports whether the order's payment is still being
// confirmed. It only chooses a notice: on error, the page says the rest.
func (a *App) stillProcessing(c *gin.Context, ref string) bool {
	o, err := a.Checkout.OrderFor(c.Request.Context(), a.viewer(c), ref)
	return err == nil && o.Status == db.OrderProcessing
}
