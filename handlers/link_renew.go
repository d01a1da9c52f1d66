package handlers

import (
	"errors"
	"fmt"
	"net/http"
	"strconv"

	"github.com/gin-gonic/gin"

	"antom-checkout/checkout"
)

// linkRenew shows a new QR code: a new consult with a new authState.
func (a *App) linkRenew(c *gin.Context) {
	b, _ := buyerOf(c)
	id, err := strconv.ParseInt(c.Param("id"), 10, 64)
	if err != nil {
		a.notFound(c)
		return
	}
	l, err := a.Checkout.RenewLink(c.Request.Context(), b.ID, id, buyerEnv(c))
	if errors.Is(err, checkout.ErrNotFound) {
		a.notFound(c)
		return
	}
	if err != nil {
		a.serverError(c, err)
		return
	}
	c.Redirect(http.StatusSeeOther, fmt.Sprintf("/wallets/link/%d", l.ID))
}
