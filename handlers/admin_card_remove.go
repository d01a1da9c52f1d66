package handlers

import (
	"net/http"

	"github.com/gin-gonic/gin"
)

// adminCardRemove forgets a buyer's kept card.
func (a *App) adminCardRemove(c *gin.Context) {
	ctx := c.Request.Context()
	id, ok := a.pathID(c)
	if !ok {
		return
	}
	email, err := a.Checkout.CardOwnerEmail(ctx, id)
	if err == nil {
		err = a.Checkout.RemoveCard(ctx, 0, id, "staff "+actor(c))
	}
	if a.failed(c, err) {
		return
	}
	a.flash(c, "Card removed.")
	c.Redirect(http.StatusSeeOther, buyerWalletsPath(email))
}
