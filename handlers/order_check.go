package handlers

import (
	"errors"

	"github.com/gin-gonic/gin"

	"antom-checkout/checkout"
	"antom-checkout/views"
)

// orderCheck is "I have paid — check again": the payment is looked up
// with Antom at once, then the result page shows what it said — or, the
// answer not in yet, that it is still being asked, until it is in.
func (a *App) orderCheck(c *gin.Context) {
	ref := c.Param("ref")
	checks, err := a.Checkout.CheckNow(c.Request.Context(), a.viewer(c), ref)
	switch {
	case errors.Is(err, checkout.ErrNotFound):
		a.orderNotFoundAt(c, resultPath(ref)) // signed out: sign in, and it says this was not done
		return
	case errors.Is(err, checkout.ErrTooSoon):
		a.notice(c, ref, views.NoticeTooSoon, 0)
	case errors.Is(err, checkout.ErrStillAsking):
		a.notice(c, ref, views.NoticeStillAsking, checks) // the long-poll shows the answer
	case a.failed(c, err):
		return
	default:
		a.notice(c, ref, views.NoticeStillOpen, 0) // shown only if it is still open
	}
	a.toResult(c, ref)
}
