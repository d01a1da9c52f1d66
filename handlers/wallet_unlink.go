package handlers

import (
	"errors"
	"fmt"
	"net/http"

	"github.com/gin-gonic/gin"

	"antom-checkout/checkout"
	"antom-checkout/views"
)

// walletUnlink asks the buyer to confirm, then takes the wallet out of
// checkout at once and revokes its token with Antom (retried in the
// background until confirmed). It serves the Unlink button's POST, which
// sends the buyer to the confirmation (sentToConfirm), that
// confirmation's GET, and the confirmed POST. A wallet of theirs no
// longer linked (unlinked since, in another tab or by staff, or ended by
// the wallet side) has nothing to confirm: My wallets says so. Another
// buyer's wallet is 404, as a missing one; a confirmed unlink of one
// unlinked meanwhile (a second tab's Unlink) says the same as a
// confirmation opened then, not "Wallet unlinked.". The confirmed unlink's notice
// says what is true once the asker's wait ended (UnlinkUnderWay):
// unlinked when Antom confirmed the revoke, else that the wallet can no
// longer be used here and the unlink is being confirmed.
func (a *App) walletUnlink(c *gin.Context) {
	b, _ := buyerOf(c)
	id, ok := a.pathID(c)
	if !ok {
		return
	}
	if !confirmed(c) {
		w, err := a.Checkout.WalletOf(c.Request.Context(), b.ID, id)
		if errors.Is(err, checkout.ErrNoLonger) {
			a.noteTo(c, "/wallets", "notdone.wallet_not_linked")
			return
		}
		if a.failed(c, err) || a.sentToConfirm(c, nil) {
			return
		}
		a.render(c, http.StatusOK, views.ConfirmUnlink(views.ConfirmPage{
			Page: a.page(c, "confirm.unlink_page", "wallets"), Action: fmt.Sprintf("/wallets/%d/unlink", id),
			Back: "/wallets", Subject: views.WalletNamed{Name: w.WalletName, Account: w.UserLoginID}, Mark: w.Wallet,
		}))
		return
	}
	started, err := a.Checkout.StartUnlink(c.Request.Context(), b.ID, id, "buyer "+b.Email)
	if a.failed(c, err) {
		return
	}
	if !started { // unlinked meanwhile (another tab, staff, the wallet side): this press did nothing
		a.noteTo(c, "/wallets", "notdone.wallet_not_linked")
		return
	}
	underWay, err := a.Checkout.UnlinkUnderWay(c.Request.Context(), b.ID, id)
	if a.failed(c, err) {
		return
	}
	if underWay {
		a.flashTo(c, "/wallets", "wallets.unlink_under_way")
		return
	}
	a.flashTo(c, "/wallets", "wallets.unlinked")
}

// confirmed reports whether a destructive form comes from its
// confirmation step (a POST with confirm=yes; never a GET).
func confirmed(c *gin.Context) bool { return c.PostForm("confirm") == "yes" }
