package handlers

import (
	"net/http"

	"github.com/gin-gonic/gin"
)

// cardRemove forgets one of the buyer's kept cards.
func (a *App) cardRemove(c *gin.Context) {
	b, _ := buyerOf(c)
	id, ok := a.pathID(c)
	if !ok || a.failed(c, a.Checkout.RemoveCard(c.Request.Context(), b.ID, id, "buyer "+b.Email)) {
		return
	}
	a.flash(c, "Card removed.")
	c.Redirect(http.StatusSeeOther, "/wallets")
}
