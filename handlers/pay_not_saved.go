package handlers

import (
	"net/http"

	"github.com/gin-gonic/gin"

	"antom-checkout/views"
)

// payNotSaved answers a one-click payment that named a wallet or kept
// card not among the buyer's own (checkout.ErrNotSaved): another
// buyer's, or none at all, answered alike, so that nobody learns which
// ids exist or whose they are. Only a forged form names one (the checkout
// page offers the buyer's own), and nothing was stored or sent to Antom.
// While the order has a payment, that payment is why nothing was sent,
// whatever the choice (payRefused); else 404 saying so (message, a
// message ID) — not "no longer usable", which would have the buyer link
// it again — with the way back to the order's checkout.
func (a *App) payNotSaved(c *gin.Context, message string) {
	r, ok := a.viewerResult(c)
	if !ok {
		return
	}
	if nothingToPay(r.Order) {
		a.notice(c, r.Order.Ref, views.NoticeNotPaidAgain, 0)
		a.toResult(c, r.Order.Ref)
		return
	}
	a.errorPageBack(c, http.StatusNotFound, "error.404", say(c, message),
		checkoutPath(r.Order.Ref), say(c, "checkout.back_to_checkout"))
}
