package handlers

import (
	"fmt"
	"net/http"

	"github.com/gin-gonic/gin"

	"antom-checkout/views"
)

// cardRemove asks the buyer to confirm, then forgets one of their kept
// cards.
func (a *App) cardRemove(c *gin.Context) {
	b, _ := buyerOf(c)
	id, ok := a.pathID(c)
	if !ok {
		return
	}
	if !confirmed(c) {
		card, err := a.Checkout.CardOf(c.Request.Context(), b.ID, id)
		if a.failed(c, err) {
			return
		}
		a.render(c, http.StatusOK, views.ConfirmRemoveCard(views.ConfirmPage{
			Page: a.page(c, "confirm.remove_page", "wallets"), Action: fmt.Sprintf("/cards/%d/remove", id),
			Back: "/wallets", Subject: cardLabel(c, card.Brand, card.Last4), Mark: card.Brand,
		}))
		return
	}
	if a.failed(c, a.Checkout.RemoveCard(c.Request.Context(), b.ID, id, "buyer "+b.Email)) {
		return
	}
	a.flashTo(c, "/wallets", "wallets.card_removed")
}
