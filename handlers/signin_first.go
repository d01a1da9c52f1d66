package handlers

import (
	"net/http"
	"net/url"

	"github.com/gin-gonic/gin"

	"antom-checkout/checkout"
)

// signInFirst sends a visitor who must sign in to the sign-in page (303),
// which brings them back to next (a path of ours; one that cannot be
// kept falls back to checkout.DefaultReturn) afterwards. A form sent (a
// POST: a pay, an unlink, a link, from a page left open after signing
// out in another tab) was not done, and the sign-in page says so once
// (noteTo), as the staff's does: the buyer must not take the page they
// land on after signing in for the action's outcome. What was sent is
// never sent again: signing in only shows next.
func (a *App) signInFirst(c *gin.Context, next string) {
	to := "/signin?next=" + url.QueryEscape(checkout.SafeReturn(next))
	if c.Request.Method == http.MethodGet || c.Request.Method == http.MethodHead {
		c.Redirect(http.StatusSeeOther, to)
		return
	}
	a.noteTo(c, to, "notdone.signed_out")
}
