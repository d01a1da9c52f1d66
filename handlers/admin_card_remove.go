package handlers

import (
	"errors"
	"fmt"

	"github.com/gin-gonic/gin"

	"antom-checkout/checkout"
	"antom-checkout/views"
)

// notKeptNote is staff's note for a card with nothing left to remove.
const notKeptNote = "This card is no longer kept: there is nothing to remove."

// adminCardRemove asks staff to confirm, then forgets a buyer's kept
// card. It serves the remove button's POST, which sends staff to the
// confirmation (askToConfirm), that confirmation's GET, and the
// confirmed POST. A card no longer kept (removed since) has nothing to
// confirm: the buyer's wallets say so, as they do when the confirmed
// POST finds it removed meanwhile (a second tab): that press did nothing.
func (a *App) adminCardRemove(c *gin.Context) {
	ctx := c.Request.Context()
	id, ok := a.pathID(c)
	if !ok {
		return
	}
	email, err := a.Checkout.CardOwnerEmail(ctx, id)
	if a.failed(c, err) {
		return
	}
	if !confirmed(c) {
		card, err := a.Checkout.CardOf(ctx, 0, id)
		if errors.Is(err, checkout.ErrNotFound) {
			a.noteTo(c, buyerWalletsPath(email), notKeptNote)
			return
		}
		if a.failed(c, err) {
			return
		}
		a.askToConfirm(c, nil, func() (views.AdminConfirm, error) {
			return views.AdminConfirm{
				AdminPage: a.adminPage(c, "Confirm the removal", "wallets"),
				Question:  "Remove " + card.Label() + "?",
				Detail:    "Checkout stops offering this kept card. The buyer can keep it again on their next card payment.",
				Facts:     []views.Fact{{Label: "Buyer", Value: email}, {Label: "Card", Value: card.Label()}},
				Action:    fmt.Sprintf("/admin/cards/%d/remove", id),
				Button:    "Remove the card",
				Back:      buyerWalletsPath(email),
			}, nil
		})
		return
	}
	err = a.Checkout.RemoveCard(ctx, 0, id, "staff "+actor(c))
	if errors.Is(err, checkout.ErrNoLonger) { // removed meanwhile: this press did nothing
		a.noteTo(c, buyerWalletsPath(email), notKeptNote)
		return
	}
	if a.failed(c, err) {
		return
	}
	a.flashTo(c, buyerWalletsPath(email), "Card removed.")
}
