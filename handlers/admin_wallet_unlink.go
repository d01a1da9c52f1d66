package handlers

import (
	"net/http"

	"github.com/gin-gonic/gin"
)

// adminWalletUnlink takes a buyer's wallet out of checkout at once and
// revokes its token (retried by the reconciler until Antom confirms).
func (a *App) adminWalletUnlink(c *gin.Context) {
	ctx := c.Request.Context()
	id, ok := a.pathID(c)
	if !ok {
		return
	}
	email, err := a.Checkout.WalletOwnerEmail(ctx, id)
	if err == nil {
		err = a.Checkout.Unlink(ctx, 0, id, "staff "+actor(c))
	}
	if a.failed(c, err) {
		return
	}
	a.flash(c, "Wallet unlinked: checkout no longer offers it, and Antom is asked to revoke its token.")
	c.Redirect(http.StatusSeeOther, buyerWalletsPath(email))
}
