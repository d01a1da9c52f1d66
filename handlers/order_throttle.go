package handlers

import (
	"errors"
	"net/http"

	"github.com/gin-gonic/gin"

	"antom-checkout/checkout"
	"antom-checkout/lang"
)

// orderAllowed counts a press of "Buy" (or of a test payment), once
// what it asks needs no correcting (checkout.CheckOrder, CheckTestOrder),
// against the visitor's and the address's order limits
// (checkout.CountOrder) before anything is made for it — a guest's
// session included: a guest without one is counted by address only, and
// gets none when refused.
// Refused, the storefront says so in the buyer's language and when to
// try again, 429 with Retry-After; it reports whether to go on.
func (a *App) orderAllowed(c *gin.Context) bool {
	ctx := c.Request.Context()
	var v checkout.Viewer
	if b, ok := buyerOf(c); ok {
		v.BuyerID = b.ID
	} else {
		v.GuestKey = a.Sessions.GetString(ctx, sessionGuestKey)
	}
	err := a.Checkout.CountOrder(ctx, v, c.ClientIP())
	var throttled *checkout.ThrottledError
	switch {
	case err == nil:
		return true
	case errors.As(err, &throttled):
		when := a.setRetryAfter(c, throttled.RetryAt)
		a.renderStorefront(c, http.StatusTooManyRequests, say(c, "shop.error_too_many", lang.Args{"When": when}), "") // no field of the form was wrong
	default:
		a.serverError(c, err)
	}
	return false
}
