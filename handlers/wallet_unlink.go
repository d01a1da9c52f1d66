package handlers

import (
	"fmt"
	"net/http"

	"github.com/gin-gonic/gin"

	"antom-checkout/views"
)

// walletUnlink asks the buyer to confirm, then takes the wallet out of
// checkout at once and revokes its token with Antom (retried in the
// background until confirmed).
func (a *App) walletUnlink(c *gin.Context) {
	b, _ := buyerOf(c)
	id, ok := a.pathID(c)
	if !ok {
		return
	}
	if !confirmed(c) {
		w, err := a.Checkout.WalletOf(c.Request.Context(), b.ID, id)
		if a.failed(c, err) {
			return
		}
		a.render(c, http.StatusOK, views.ConfirmUnlink(views.ConfirmPage{
			Page: a.page(c, "confirm.unlink_page", "wallets"), Action: fmt.Sprintf("/wallets/%d/unlink", id),
			Back: "/wallets", Subject: w.WalletName + " " + w.UserLoginID, Mark: w.Wallet,
		}))
		return
	}
	if a.failed(c, a.Checkout.Unlink(c.Request.Context(), b.ID, id, "buyer "+b.Email)) {
		return
	}
	a.flashTo(c, "/wallets", "wallets.unlinked")
}

// confirmed reports whether a destructive form comes from its
// confirmation step.
func confirmed(c *gin.Context) bool { return c.PostForm("confirm") == "yes" }
