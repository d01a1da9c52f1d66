package handlers

import (
	"errors"
	"net/http"

	"github.com/gin-gonic/gin"

	"antom-checkout/checkout"
	"antom-checkout/views"
)

// orderCheck is "I have paid — check again": the payment is looked up
// with Antom at once, then the result page shows what it said — or, the
// answer not in yet, that it is still being asked.
func (a *App) orderCheck(c *gin.Context) {
	ref := c.Param("ref")
	err := a.Checkout.CheckNow(c.Request.Context(), a.viewer(c), ref)
	switch {
	case errors.Is(err, checkout.ErrTooSoon):
		a.notice(c, views.NoticeTooSoon)
	case errors.Is(err, checkout.ErrStillAsking):
		a.notice(c, views.NoticeStillAsking) // the long-poll shows the answer
	case a.failed(c, err):
		return
	default:
		a.notice(c, views.NoticeStillOpen) // shown only if it is still open
	}
	c.Redirect(http.StatusSeeOther, resultPath(ref))
}

// notice leaves the result page a notice (views.Notice*) about the
// buyer's last action; the page shows it only while the outcome is
// still awaited.
func (a *App) notice(c *gin.Context, notice string) {
	a.Sessions.Put(c.Request.Context(), sessionNotice, notice)
}
