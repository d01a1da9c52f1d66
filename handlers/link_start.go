package handlers

import (
	"errors"
	"fmt"
	"net/http"

	"github.com/gin-gonic/gin"

	"antom-checkout/antom"
	"antom-checkout/checkout"
)

// linkStart creates a link attempt (consult) and opens its page.
func (a *App) linkStart(c *gin.Context) {
	b, _ := buyerOf(c)
	l, err := a.Checkout.StartLink(c.Request.Context(), b.ID, c.PostForm("wallet"), c.PostForm("return_to"), buyerEnv(c))
	var input *checkout.InputError
	if errors.As(err, &input) {
		a.renderWallets(c, http.StatusUnprocessableEntity, input.Fields["wallet"])
		return
	}
	if err != nil {
		a.serverError(c, err)
		return
	}
	c.Redirect(http.StatusSeeOther, fmt.Sprintf("/wallets/link/%d", l.ID))
}

// buyerEnv describes the buyer's browser for Antom's risk checks.
func buyerEnv(c *gin.Context) antom.Env {
	ua := c.Request.UserAgent()
	if len(ua) > 256 {
		ua = ua[:256]
	}
	return antom.Env{TerminalType: antom.TerminalWeb, ClientIP: c.ClientIP(), UserAgent: ua}
}
