package handlers

import (
	"fmt"
	"net/http"

	"github.com/gin-gonic/gin"
)

// linkRenew shows a new QR code: a new consult with a new authState.
func (a *App) linkRenew(c *gin.Context) {
	b, _ := buyerOf(c)
	id, ok := a.pathID(c)
	if !ok {
		return
	}
	l, err := a.Checkout.RenewLink(c.Request.Context(), b.ID, id, buyerEnv(c))
	if a.failed(c, err) {
		return
	}
	c.Redirect(http.StatusSeeOther, fmt.Sprintf("/wallets/link/%d", l.ID))
}
