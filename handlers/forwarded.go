package handlers

import (
	"log/slog"

	"github.com/gin-gonic/gin"
)

// warnUntrustedForwarding logs one WARN line, the first time a request
// carries X-Forwarded-For from a peer TRUSTED_PROXIES does not name: a
// load balancer in front of the app that is not configured makes every
// buyer behind it one address — to the sign-in throttles, the order
// limits (120 per 10 minutes for the whole shop) and the long-poll
// bounds. A client that sends the header itself on a direct connection
// gets the same line, once; its header is never believed either way.
func (a *App) warnUntrustedForwarding(c *gin.Context) {
	if c.Request.Header.Get("X-Forwarded-For") != "" && c.ClientIP() == c.RemoteIP() {
		a.forwardWarned.Do(func() {
			a.Log.Warn("a request carries X-Forwarded-For from an address TRUSTED_PROXIES does not name: if a load balancer is in front of the app, set TRUSTED_PROXIES to it, or every buyer behind it shares its address for the sign-in throttles and the order and long-poll limits",
				slog.String("peer", c.RemoteIP()))
		})
	}
	c.Next()
}
