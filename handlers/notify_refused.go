package handlers

import (
	"errors"
	"net/http"

	"github.com/gin-gonic/gin"

	"antom-checkout/checkout"
)

// refuseNotification answers a notification that failed verification:
// 401, recorded small for staff; or, once its address has had too many
// refusals (checkout.RefusedNotifyPerAddress), 429 with Retry-After and
// nothing recorded. Either way nothing is applied and nothing is
// acknowledged.
func (a *App) refuseNotification(c *gin.Context, requestTime string, body []byte, why error) {
	ctx := c.Request.Context()
	err := a.Checkout.CountRefused(ctx, c.ClientIP())
	var throttled *checkout.ThrottledError
	if errors.As(err, &throttled) {
		a.setRetryAfter(c, throttled.RetryAt)
		c.String(http.StatusTooManyRequests, "too many refused notifications from this address")
		return
	}
	if err != nil {
		a.logFor(c).Error("count refused notification", "err", err)
	}
	a.logFor(c).Warn("notification refused", "reason", why.Error(), "ip", c.ClientIP())
	if err := a.Checkout.RecordForged(ctx, requestTime, body, why.Error()); err != nil {
		a.logFor(c).Error("record refused notification", "err", err)
	}
	c.String(http.StatusUnauthorized, "notification refused")
}
