package handlers

import (
	"errors"
	"net/http"
	"strconv"

	"github.com/gin-gonic/gin"

	"antom-checkout/checkout"
)

// walletUnlink removes a wallet from checkout at once and revokes its
// token with Antom (retried in the background until confirmed).
func (a *App) walletUnlink(c *gin.Context) {
	b, _ := buyerOf(c)
	id, err := strconv.ParseInt(c.Param("id"), 10, 64)
	if err != nil {
		a.notFound(c)
		return
	}
	err = a.Checkout.Unlink(c.Request.Context(), b.ID, id, "buyer "+b.Email)
	if errors.Is(err, checkout.ErrNotFound) {
		a.notFound(c)
		return
	}
	if err != nil {
		a.serverError(c, err)
		return
	}
	a.flash(c, "Wallet unlinked.")
	c.Redirect(http.StatusSeeOther, "/wallets")
}
