package handlers

import (
	"errors"

	"github.com/gin-gonic/gin"

	"antom-checkout/checkout"
	"antom-checkout/views"
)

// orderReturn is the paymentRedirectUrl: Antom's page sends the buyer back
// here. The return proves nothing, so the payment is asked about at once;
// the result page then shows what Antom said — or, the answer not in
// within Options.ActionWait, that it is still being asked, until it is
// in (its long-poll). A signed-out owner (back in another browser) signs
// in first and comes back here, so the return still counts.
func (a *App) orderReturn(c *gin.Context) {
	ref := c.Param("ref")
	checks, err := a.Checkout.ReturnFromPaymentPage(c.Request.Context(), a.viewer(c), ref)
	switch {
	case errors.Is(err, checkout.ErrNotFound):
		a.orderNotFound(c)
		return
	case errors.Is(err, checkout.ErrStillAsking):
		a.notice(c, ref, views.NoticeStillAsking, checks) // the long-poll shows the answer
	case a.failed(c, err):
		return
	}
	a.toResult(c, ref)
}
