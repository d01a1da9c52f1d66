package handlers

import (
	"context"
	"errors"
	"net/http"

	"github.com/gin-gonic/gin"

	"antom-checkout/checkout"
)

// ErrShutdownDeadline is the cause the app cancels requests with when
// the shutdown deadline passes with them still running (context.Cause
// tells it from a client that went away).
var ErrShutdownDeadline = errors.New("cut off at the shutdown deadline")

// statusClientClosed is the status of a request its client left before
// the answer (nginx's 499; no HTTP standard has one).
const statusClientClosed = 499

// requestEnded answers a request whose context ended before its answer,
// so that its work stopped, and logs why: cut off by the shutdown
// deadline (503 at WARN), or given up by its client (the page closed
// during a long-poll: 499 at INFO, which nobody reads). Neither is a
// server error: the request log and the metrics do not count them among
// the 500s. err is what the work ended with.
func (a *App) requestEnded(c *gin.Context, err error) {
	ctx := c.Request.Context()
	attrs := []any{"method", c.Request.Method, "path", c.Request.URL.Path, "err", err,
		"http_request_id", checkout.HTTPRequestID(ctx)}
	if errors.Is(context.Cause(ctx), ErrShutdownDeadline) {
		a.Log.Warn("request cut off at the shutdown deadline", attrs...)
		c.AbortWithStatus(http.StatusServiceUnavailable)
		return
	}
	a.Log.Info("request ended by its client", attrs...)
	c.AbortWithStatus(statusClientClosed)
}
