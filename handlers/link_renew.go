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
// (checkout.ErrLinkJustMade); past the buyer's consults nothing is
// started or ended, and the buyer is back on this attempt's page, whose
// code still works while it is live, told so (renewThrottled).
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
	if a.linkBusy(c, err) || a.renewThrottled(c, id, err) || a.failed(c, err) {
		return
	}
	c.Redirect(http.StatusSeeOther, fmt.Sprintf("/wallets/link/%d", l.ID))
}

// renewThrottled answers a renew refused past the buyer's
// checkout.LinkConsultsPerBuyer (nothing was started, and the attempt
// renewed was left as it was): 303 back to attempt id's page, which says
// why and when to ask again, once (linkRenewRefused), with Retry-After.
// It reports whether it answered.
func (a *App) renewThrottled(c *gin.Context, id int64, err error) bool {
	var throttled *checkout.ThrottledError
	if !errors.As(err, &throttled) {
		return false
	}
	ctx := c.Request.Context()
	a.setRetryAfter(c, throttled.RetryAt)
	a.Sessions.Put(ctx, sessionLinkRenewRefused, id)
	a.Sessions.Put(ctx, sessionLinkRenewAt, throttled.RetryAt.Unix())
	c.Redirect(http.StatusSeeOther, fmt.Sprintf("/wallets/link/%d", id))
	return true
}
