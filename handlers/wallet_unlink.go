package handlers

import (
	"net/http"

	"github.com/gin-gonic/gin"
)

// walletUnlink removes a wallet from checkout at once and revokes its
// token with Antom (retried in the background until confirmed).
func (a *App) walletUnlink(c *gin.Context) {
	b, _ := buyerOf(c)
	id, ok := a.pathID(c)
	if !ok || a.failed(c, a.Checkout.Unlink(c.Request.Context(), b.ID, id, "buyer "+b.Email)) {
		return
	}
	a.flash(c, "Wallet unlinked.")
	c.Redirect(http.StatusSeeOther, "/wallets")
}
