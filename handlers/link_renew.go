package handlers

import (
	"errors"
	"fmt"
	"net/http"

	"github.com/gin-gonic/gin"

	"antom-checkout/antom"
	"antom-checkout/checkout"
)

// linkRenew starts linking again with a new consult and a new authState:
// the same way as before, or (device=other) a QR code for another phone,
// or (device=phone) the wallet on this phone. It waits for the new
// consult as linkStart does. A renew the same way within seconds of the
// code it renews shows that code again and says why
// (checkout.ErrLinkJustMade); past the buyer's consults, 429
// (linkThrottled).
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
	if errors.Is(err, checkout.ErrLinkJustMade) {
		// Kept, nothing sent: its page shows it and says why.
		a.Sessions.Put(c.Request.Context(), sessionLinkJustMade, l.ID)
		err = nil
	}
	if a.linkBusy(c, err) || a.linkThrottled(c, err) || a.failed(c, err) {
		return
	}
	c.Redirect(http.StatusSeeOther, fmt.Sprintf("/wallets/link/%d", l.ID))
}
