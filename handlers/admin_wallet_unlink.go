package handlers

import (
	"errors"
	"fmt"

	"github.com/gin-gonic/gin"

	"antom-checkout/checkout"
	"antom-checkout/views"
)

// adminWalletUnlink asks staff to confirm, then takes a buyer's wallet
// out of checkout at once and revokes its token (retried by the
// reconciler until Antom confirms). It serves the unlink button's POST,
// which sends staff to the confirmation (askToConfirm), that
// confirmation's GET, and the confirmed POST. A wallet no longer linked
// (unlinked since, by the buyer or other staff) has nothing to confirm:
// the buyer's wallets say so.
func (a *App) adminWalletUnlink(c *gin.Context) {
	ctx := c.Request.Context()
	id, ok := a.pathID(c)
	if !ok {
		return
	}
	email, err := a.Checkout.WalletOwnerEmail(ctx, id)
	if a.failed(c, err) {
		return
	}
	if !confirmed(c) {
		w, err := a.Checkout.WalletOf(ctx, 0, id)
		if errors.Is(err, checkout.ErrNotFound) {
			a.noteTo(c, buyerWalletsPath(email), "This wallet is no longer linked: there is nothing to unlink.")
			return
		}
		if a.failed(c, err) {
			return
		}
		a.askToConfirm(c, nil, func() (views.AdminConfirm, error) {
			return views.AdminConfirm{
				AdminPage: a.adminPage(c, "Confirm the unlink", "wallets"),
				Question:  "Unlink " + w.WalletName + " " + w.UserLoginID + "?",
				Detail:    "Checkout stops offering this wallet at once, and Antom is asked to revoke its token. The buyer can link it again.",
				Facts:     []views.Fact{{Label: "Buyer", Value: email}, {Label: "Wallet", Value: w.WalletName + " " + w.UserLoginID}},
				Action:    fmt.Sprintf("/admin/wallets/%d/unlink", id),
				Button:    "Unlink " + w.WalletName,
				Back:      buyerWalletsPath(email),
			}, nil
		})
		return
	}
	started, err := a.Checkout.StartUnlink(ctx, 0, id, "staff "+actor(c))
	if a.failed(c, err) {
		return
	}
	if !started { // unlinked meanwhile (another tab, the buyer, the wallet side): this press did nothing
		a.noteTo(c, buyerWalletsPath(email), "This wallet is no longer linked: there is nothing to unlink.")
		return
	}
	a.flashTo(c, buyerWalletsPath(email), "Wallet unlinked: checkout no longer offers it, and Antom is asked to revoke its token.")
}
