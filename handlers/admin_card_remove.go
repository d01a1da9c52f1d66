package handlers

import (
	"errors"
	"net/http"
	"strconv"

	"github.com/gin-gonic/gin"

	"antom-checkout/checkout"
)

// adminCardRemove forgets a buyer's kept card.
func (a *App) adminCardRemove(c *gin.Context) {
	ctx := c.Request.Context()
	id, err := strconv.ParseInt(c.Param("id"), 10, 64)
	if err != nil {
		a.notFound(c)
		return
	}
	email, err := a.Checkout.CardOwnerEmail(ctx, id)
	if err == nil {
		err = a.Checkout.RemoveCard(ctx, 0, id, "staff "+actor(c))
	}
	switch {
	case errors.Is(err, checkout.ErrNotFound):
		a.notFound(c)
	case err != nil:
		a.serverError(c, err)
	default:
		a.flash(c, "Card removed.")
		c.Redirect(http.StatusSeeOther, buyerWalletsPath(email))
	}
}
