package handlers

import (
	"errors"
	"fmt"
	"net/http"

	"github.com/gin-gonic/gin"

	"antom-checkout/checkout"
	"antom-checkout/views"
)

// cardRemove asks the buyer to confirm, then forgets one of their kept
// cards. It serves the Remove button's POST, which sends the buyer to
// the confirmation (sentToConfirm), that confirmation's GET, and the
// confirmed POST. A card of theirs no longer kept (removed since, in
// another tab or by staff) has nothing to confirm: My wallets says so.
// Another buyer's card is 404, as a missing one.
func (a *App) cardRemove(c *gin.Context) {
	b, _ := buyerOf(c)
	id, ok := a.pathID(c)
	if !ok {
		return
	}
	if !confirmed(c) {
		card, err := a.Checkout.CardOf(c.Request.Context(), b.ID, id)
		if errors.Is(err, checkout.ErrNoLonger) {
			a.noteTo(c, "/wallets", "notdone.card_not_kept")
			return
		}
		if a.failed(c, err) || a.sentToConfirm(c, nil) {
			return
		}
		a.render(c, http.StatusOK, views.ConfirmRemoveCard(views.ConfirmPage{
			Page: a.page(c, "confirm.remove_page", "wallets"), Action: fmt.Sprintf("/cards/%d/remove", id),
			Back: "/wallets", Subject: views.WalletNamed{Name: cardName(c, card.Brand), Account: cardAccount(card.Last4)}, Mark: card.Brand,
		}))
		return
	}
	err := a.Checkout.RemoveCard(c.Request.Context(), b.ID, id, "buyer "+b.Email)
	if errors.Is(err, checkout.ErrNoLonger) { // removed meanwhile: this press did nothing
		a.noteTo(c, "/wallets", "notdone.card_not_kept")
		return
	}
	if a.failed(c, err) {
		return
	}
	a.flashTo(c, "/wallets", "wallets.card_removed")
}
