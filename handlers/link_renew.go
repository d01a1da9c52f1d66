package handlers

import (
	"fmt"
	"net/http"

	"github.com/gin-gonic/gin"

	"antom-checkout/antom"
)

// linkRenew starts linking again with a new consult and a new authState:
// the same way as before, or (device=other) a QR code for another phone,
// or (device=phone) the wallet on this phone. It waits for the new
// consult as linkStart does.
func (a *App) linkRenew(c *gin.Context) {
	b, _ := buyerOf(c)
	id, ok := a.pathID(c)
	if !ok {
		return
	}
	env := buyerEnv(c)
	switch c.PostForm("device") {
	case "other":
		env.TerminalType, env.OSType = antom.TerminalWeb, ""
	case "phone": // WAP if this browser is a phone; checkout falls back to WEB
		env.TerminalType = antom.TerminalWap
	default:
		env.TerminalType = "" // as before
	}
	l, err := a.Checkout.RenewLink(c.Request.Context(), b.ID, id, env)
	if a.linkBusy(c, err) || a.failed(c, err) {
		return
	}
	c.Redirect(http.StatusSeeOther, fmt.Sprintf("/wallets/link/%d", l.ID))
}
