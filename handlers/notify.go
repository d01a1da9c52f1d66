package handlers

import (
	"errors"
	"log/slog"
	"net/http"

	"github.com/gin-gonic/gin"

	"antom-checkout/antom"
	"antom-checkout/checkout"
)

// antomNotify takes every notification Antom sends (DESIGN.md §4): read the
// raw body, verify signature, client id and time (here, in the request),
// store and apply in one transaction — shared with the notifications that
// arrive meanwhile, each in its own savepoint — and only once it has
// committed acknowledge. Anything that fails before the commit answers
// non-2xx, so Antom sends again. A body larger than any request's may be
// (maxBody, readBody), or one that could not be read, is refused with
// 413 before anything reads it, and nothing is stored.
func (a *App) antomNotify(c *gin.Context) {
	body, err := readBody(c.Request)
	if err != nil {
		c.Header("Connection", "close") // the rest of the body is not read
		c.String(http.StatusRequestEntityTooLarge, "notification too large or unreadable")
		return
	}
	ctx := c.Request.Context()
	requestTime := c.GetHeader("request-time")
	if err := a.Notify.Verify(c.Request.Header, body); err != nil {
		a.refuseNotification(c, requestTime, body, err)
		return
	}
	r, err := a.Checkout.Receive(ctx, checkout.Inbound{RequestTime: requestTime, Body: body})
	// What it was goes on the request's one log line (logRequests).
	logAlso(c, slog.String("notifyType", r.Kind), slog.String("paymentRequestId", r.PaymentRequestID),
		slog.String("verdict", r.Verdict))
	switch {
	case errors.Is(err, checkout.ErrUnhandled):
		a.logFor(c).Warn("notification kind not handled yet; not acknowledged", "notifyType", r.Kind)
		c.String(http.StatusNotImplemented, "notification kind not handled")
	case errors.Is(err, checkout.ErrDeferred):
		// Stored; about what a call of ours in flight has not recorded
		// yet: Antom sends it again, by when it can be applied — or,
		// once no payment of ours can be it, is stale and acknowledged.
		a.logFor(c).Info("notification overtook the answer it refers to; not acknowledged", "verdict", r.Verdict)
		c.String(http.StatusServiceUnavailable, "notification refers to what is not recorded yet; send it again")
	case err != nil:
		a.logFor(c).Error("notification not stored", "err", err, "notifyType", r.Kind)
		c.String(http.StatusInternalServerError, "notification not stored")
	default:
		antom.WriteAck(c.Writer, a.ClientID, a.Now())
	}
}
