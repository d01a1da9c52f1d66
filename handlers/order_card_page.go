package handlers

import (
	"net/http"

	"github.com/gin-gonic/gin"

	"antom-checkout/checkout"
)

// orderCardPage is where a buyer who chose to pay with a new card waits
// for Antom's card page when Antom has not answered within
// Options.ActionWait (checkoutCard): 303 to the page once its address is
// in; while our pay call for it is out, the result page saying it is
// being prepared (checkout.Result.CardOpening), whose long-poll sends the
// browser on (orderStatus.Go) — a reload asks here again and sends no
// second pay; anything else (the pay failed, or its outcome is not known),
// 303 to the result page, which says so.
func (a *App) orderCardPage(c *gin.Context) {
	r, ok := a.ownerResult(c, a.orderNotFound)
	if !ok {
		return
	}
	switch {
	case r.State == checkout.ResultCardPage && r.CardPageURL != "":
		c.Redirect(http.StatusSeeOther, r.CardPageURL)
	case r.CardOpening:
		a.orderResult(c)
	default:
		c.Redirect(http.StatusSeeOther, resultPath(r.Order.Ref))
	}
}
