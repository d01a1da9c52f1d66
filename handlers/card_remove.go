package handlers

import (
	"errors"
	"net/http"
	"strconv"

	"github.com/gin-gonic/gin"

	"antom-checkout/checkout"
)

// cardRemove forgets one of the buyer's kept cards.
func (a *App) cardRemove(c *gin.Context) {
	b, _ := buyerOf(c)
	id, err := strconv.ParseInt(c.Param("id"), 10, 64)
	if err != nil {
		a.notFound(c)
		return
	}
	err = a.Checkout.RemoveCard(c.Request.Context(), b.ID, id, "buyer "+b.Email)
	if errors.Is(err, checkout.ErrNotFound) {
		a.notFound(c)
		return
	}
	if err != nil {
		a.serverError(c, err)
		return
	}
	a.flash(c, "Card removed.")
	c.Redirect(http.StatusSeeOther, "/wallets")
}
