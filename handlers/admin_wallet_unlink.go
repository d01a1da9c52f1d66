package handlers

import (
	"errors"
	"net/http"
	"strconv"

	"github.com/gin-gonic/gin"

	"antom-checkout/checkout"
)

// adminWalletUnlink takes a buyer's wallet out of checkout at once and
// revokes its token (retried by the reconciler until Antom confirms).
func (a *App) adminWalletUnlink(c *gin.Context) {
	ctx := c.Request.Context()
	id, err := strconv.ParseInt(c.Param("id"), 10, 64)
	if err != nil {
		a.notFound(c)
		return
	}
	email, err := a.Checkout.WalletOwnerEmail(ctx, id)
	if err == nil {
		err = a.Checkout.Unlink(ctx, 0, id, "staff "+actor(c))
	}
	switch {
	case errors.Is(err, checkout.ErrNotFound):
		a.notFound(c)
	case err != nil:
		a.serverError(c, err)
	default:
		a.flash(c, "Wallet unlinked: checkout no longer offers it, and Antom is asked to revoke its token.")
		c.Redirect(http.StatusSeeOther, buyerWalletsPath(email))
	}
}
