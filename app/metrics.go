package app

import (
	"context"
	"net/http"
	"time"

	"antom-checkout/checkout"
	"antom-checkout/handlers"
	"antom-checkout/metrics"
)

// newMetrics sets up the metrics when METRICS_ADDR is set and returns what
// the domain and the handlers report to; both nil (nothing counted)
// without it.
func (a *App) newMetrics() (checkout.Observer, handlers.RequestObserver) {
	if a.cfg.MetricsAddr == "" {
		return nil, nil
	}
	a.metrics = metrics.New(metrics.Config{
		Backlog:   a.db.ReconcilerBacklog,
		SQL:       a.db.SQL(),
		SQLReader: a.db.SQLReader(),
		LongPolls: func() int { return a.checkout.Hub().Waiters() }, // a.checkout is set by then
		Expiring: func(ctx context.Context) (int, time.Time, error) {
			return a.checkout.ExpiringAuthorizations(ctx)
		},
		ExpiringWithin: checkout.AuthExpiringWithin,
	})
	return a.metrics, a.metrics
}

// MetricsHandler serves /metrics and /debug/pprof/ (what Serve puts on
// METRICS_ADDR); nil without METRICS_ADDR.
func (a *App) MetricsHandler() http.Handler {
	if a.metrics == nil {
		return nil
	}
	return a.metrics.Handler()
}
