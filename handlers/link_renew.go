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
// (checkout.ErrLinkJustMade). A renew refused — past the buyer's
// consults, or another press of theirs still starting a link — starts
// and ends nothing, and the buyer is back on this attempt's page, whose
// code still works while it is live, told so (renewRefused).
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
	if a.renewRefused(c, id, err) || a.failed(c, err) {
		return
	}
	c.Redirect(http.StatusSeeOther, fmt.Sprintf("/wallets/link/%d", l.ID))
}

// renewRefused answers a renew refused with nothing started or ended
// (the attempt renewed left as it was): past the buyer's
// checkout.LinkConsultsPerBuyer, with Retry-After, or while another press
// of theirs was still starting a link (checkout.ErrStillAsking). It
// answers 303 back to attempt id's page, which says why, once
// (linkRenewRefused), and reports whether it answered.
func (a *App) renewRefused(c *gin.Context, id int64, err error) bool {
	var throttled *checkout.ThrottledError
	ctx := c.Request.Context()
	switch {
	case errors.As(err, &throttled):
		a.setRetryAfter(c, throttled.RetryAt)
		a.Sessions.Put(ctx, sessionLinkRenewAt, throttled.RetryAt.Unix())
	case errors.Is(err, checkout.ErrStillAsking):
		a.Sessions.Remove(ctx, sessionLinkRenewAt) // none: busy, not throttled
	default:
		return false
	}
	a.Sessions.Put(ctx, sessionLinkRenewRefused, id)
	c.Redirect(http.StatusSeeOther, fmt.Sprintf("/wallets/link/%d", id))
	return true
}
