package handlers

import (
	"errors"
	"fmt"
	"net/http"

	"github.com/gin-gonic/gin"

	"antom-checkout/checkout"
	"antom-checkout/views"
)

// linkReturn is the consult's authRedirectUrl: where a wallet sends the
// buyer back. Scan to Link does not redirect the phone after agreeing (the
// notification carries the result); linking on the buyer's own phone
// (WAP) comes back here with ?authCode=…&authState=…, and goes on to its
// link page, which waits for the wallet's confirmation. The sandbox's
// wallet app comes here after a decline, with ?authState=…&error=…: the
// buyer's own browser goes on to the link page, which says so when the
// decline arrived after the attempt had ended (or the wallet had agreed).
func (a *App) linkReturn(c *gin.Context) {
	state := c.Query("authState")
	if state == "" {
		a.clientError(c, http.StatusBadRequest, say(c, "link.return_no_state"))
		return
	}
	if c.Query("error") == "" {
		if b, ok := buyerOf(c); ok {
			if l, err := a.Checkout.ReturnedLink(c.Request.Context(), b.ID, state); err == nil {
				c.Redirect(http.StatusSeeOther, fmt.Sprintf("/wallets/link/%d", l.ID))
				return
			}
		}
		known, err := a.Checkout.KnownLinkState(c.Request.Context(), state)
		if err != nil {
			a.serverError(c, err)
			return
		}
		if !known {
			a.clientError(c, http.StatusNotFound, say(c, "link.return_unknown"))
			return
		}
		a.render(c, http.StatusOK, views.LinkReturn(a.page(c, "link.return_title", "wallets"),
			say(c, "link.return_thanks")))
		return
	}
	id, declined, err := a.Checkout.DeclineLink(c.Request.Context(), state)
	if errors.Is(err, checkout.ErrNotFound) {
		a.clientError(c, http.StatusNotFound, say(c, "link.return_unknown"))
		return
	}
	if err != nil {
		a.serverError(c, err)
		return
	}
	if b, ok := buyerOf(c); ok {
		if _, err := a.Checkout.LinkForBuyer(c.Request.Context(), b.ID, id); err == nil {
			if !declined {
				// The page shows how the attempt stands; it also says,
				// once, that this decline came too late to change it.
				a.Sessions.Put(c.Request.Context(), sessionLateDecline, id)
			}
			c.Redirect(http.StatusSeeOther, fmt.Sprintf("/wallets/link/%d", id))
			return
		}
	}
	if !declined {
		// It had ended before (linked, expired, replaced): "nothing was
		// linked" could be untrue.
		a.render(c, http.StatusOK, views.LinkReturn(a.page(c, "link.return_title", "wallets"),
			say(c, "link.return_already_ended")))
		return
	}
	a.render(c, http.StatusOK, views.LinkReturn(a.page(c, "link.return_declined_title", "wallets"),
		say(c, "link.return_declined")))
}
