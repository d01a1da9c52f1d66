package handlers

import (
	"context"
	"fmt"
	"log/slog"
	"net/http"
	"net/url"
	"time"

	"github.com/gin-gonic/gin"

	"antom-checkout/checkout"
)

// logRequests gives every request its id (X-Request-Id, echoed in the
// answer and put in the context for the timeline and Antom call logs),
// writes one line per request and tells Metrics — but for /healthz's
// probes answering "ok" again (quietIfUnchanged), which only Metrics
// counts. It logs the path without the query string: return URLs can
// carry signed tokens. The route is the
// gin route pattern, crossOriginRoute for a request the cross-origin
// check refused before routing, unmatchedRoute when none matched, in the
// line and the metrics alike.
func (a *App) logRequests(c *gin.Context) {
	start := time.Now()
	id := requestID(c.GetHeader("X-Request-Id"))
	c.Header("X-Request-Id", id)
	c.Request = c.Request.WithContext(checkout.WithHTTPRequestID(c.Request.Context(), id))
	c.Next()
	took := time.Since(start)
	route := c.FullPath()
	if route == "" {
		route = c.GetString(ctxRoute)
	}
	if route == "" {
		route = unmatchedRoute
	}
	if a.Metrics != nil {
		a.Metrics.Request(route, c.Request.Method, c.Writer.Status(), took)
	}
	if c.GetBool(ctxQuiet) && c.Writer.Status() == http.StatusOK {
		return // a /healthz probe saying "ok" again (quietIfUnchanged): counted, not logged
	}
	// Typed attributes: the line as Info would write it, without boxing
	// each value. What the handler added (logAlso) comes last.
	attrs := append(make([]slog.Attr, 0, 12),
		slog.String("method", c.Request.Method),
		slog.String("route", route),
		slog.String("path", c.Request.URL.Path),
		slog.Int("status", c.Writer.Status()),
		slog.Int("bytes", c.Writer.Size()),
		slog.Float64("duration_ms", float64(took.Microseconds())/1000),
		slog.String("ip", c.ClientIP()),
		slog.String("http_request_id", id),
	)
	if v, ok := c.Get(ctxLogAttrs); ok {
		attrs = append(attrs, v.([]slog.Attr)...)
	}
	// Handed to the handler as a record without a caller's pc: the
	// line names no source (no handler of ours adds one), and finding
	// the caller (runtime.Callers, as LogAttrs does for every line) was
	// ~1% of a notification's CPU in profiles under
	// BenchmarkLoadNotifications.
	ctx := context.Background()
	if h := a.Log.Handler(); h.Enabled(ctx, slog.LevelInfo) {
		r := slog.NewRecord(start.Add(took), slog.LevelInfo, "request", 0)
		r.AddAttrs(attrs...)
		_ = h.Handle(ctx, r)
	}
}

// logFor is the app's logger with the request's id (logRequests) on
// every line: what a handler logs beside its request's own line can be
// found from it, as its Antom calls and timeline entries can.
func (a *App) logFor(c *gin.Context) *slog.Logger {
	return a.Log.With("http_request_id", checkout.HTTPRequestID(c.Request.Context()))
}

// ctxLogAttrs holds what a handler adds to its request's log line.
const ctxLogAttrs = "logAttrs"

// logAlso adds attributes to the request's one log line (logRequests),
// so that a handler need not write a second line repeating the request.
// Never a token or key.
func logAlso(c *gin.Context, attrs ...slog.Attr) {
	if v, ok := c.Get(ctxLogAttrs); ok {
		attrs = append(v.([]slog.Attr), attrs...)
	}
	c.Set(ctxLogAttrs, attrs)
}

// unmatchedRoute names the route of a request no route matched.
// crossOriginRoute names that of one the cross-origin check refused
// before routing (crossOriginRefused sets it under ctxRoute).
const (
	unmatchedRoute   = "unmatched"
	crossOriginRoute = "cross-origin"
	ctxRoute         = "route"
)

// recoverPanics turns a panic into a logged 500 page.
func (a *App) recoverPanics(c *gin.Context) {
	defer func() {
		if v := recover(); v != nil {
			a.serverError(c, fmt.Errorf("panic: %v", v))
			c.Abort()
		}
	}()
	c.Next()
}

// securityHeaders sets headers every page needs (worked out once: they
// depend on the configuration only), Strict-Transport-Security when the
// app is served over https (App.HTTPS). Forms may post to ourselves only, but
// a checkout form answers with a redirect to Antom's hosted page, which
// form-action must allow.
func (a *App) securityHeaders() gin.HandlerFunc {
	formAction := "'self'"
	if u, err := url.Parse(a.Gateway.URL); err == nil && u.Host != "" {
		formAction += " " + u.Scheme + "://" + u.Host
	}
	csp := []string{"default-src 'self'; img-src 'self' data:; style-src 'self'; " +
		"script-src 'self'; connect-src 'self'; frame-ancestors 'none'; base-uri 'none'; form-action " + formAction}
	nosniff, deny, sameOrigin := []string{"nosniff"}, []string{"DENY"}, []string{"same-origin"}
	var hsts []string
	if a.HTTPS {
		// A year; not the merchant's other subdomains, which may not
		// all be served over https.
		hsts = []string{"max-age=31536000"}
	}
	return func(c *gin.Context) {
		h := c.Writer.Header()
		// Canonical names, set directly: Header.Set would canonicalise
		// each name and allocate a new value slice on every request. The
		// slices are never written to.
		h["Content-Security-Policy"] = csp
		h["X-Content-Type-Options"] = nosniff
		h["X-Frame-Options"] = deny
		h["Referrer-Policy"] = sameOrigin
		if hsts != nil {
			h["Strict-Transport-Security"] = hsts
		}
		c.Next()
	}
}

// noStore marks an answer as private to this browser and not to be cached.
func noStore(c *gin.Context) {
	c.Writer.Header()["Cache-Control"] = noStoreValue
}

// noStoreValue is Cache-Control's value that noStore sets, made once and
// never written to (a value scs adds after it goes into a new slice).
var noStoreValue = []string{"no-store"}
