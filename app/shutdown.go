package app

import (
	"context"
	"log/slog"
	"net"
	"net/http"
	"sync"
	"time"
)

// shutdownGrace bounds how long stopping waits for requests in flight,
// the reconciler's pass and background work (their Antom calls included).
const shutdownGrace = 10 * time.Second

// served is a server and the listener it serves.
type served struct {
	srv *http.Server
	ln  net.Listener
}

// stop shuts down in the order that loses nothing: long-polls answer at
// once; the app's listener closes and its requests in flight finish; the
// reconciler's pass, the notifications still queued for their batch
// transaction and background work finish; then the sandbox (which
// answered their Antom calls) and the metrics stop. Past shutdownGrace,
// connections are closed and the remaining work is halted: outcomes
// left unknown are settled by the reconciler on the next start.
func (a *App) stop(front, back []served, reconciled <-chan struct{}) {
	a.log.Info("stopping", "grace", shutdownGrace.String())
	a.checkout.Hub().Stop()
	ctx, cancel := context.WithTimeout(context.Background(), shutdownGrace)
	defer cancel()
	halt := context.AfterFunc(ctx, a.checkout.Halt)
	defer halt()
	shutdown(ctx, front, a.log)
	<-reconciled
	a.checkout.Wait()
	shutdown(ctx, back, a.log)
}

// shutdown stops servers at once, all together: each stops accepting and
// waits for its requests until ctx ends, then closes what is left.
func shutdown(ctx context.Context, servers []served, log *slog.Logger) {
	var wg sync.WaitGroup
	for _, s := range servers {
		wg.Go(func() {
			if err := s.srv.Shutdown(ctx); err != nil {
				log.Warn("requests still running at the shutdown deadline; closing their connections", "addr", s.ln.Addr().String())
				s.srv.Close()
			}
		})
	}
	wg.Wait()
}

// newMetricsServer serves the metrics listener. No write timeout: a CPU
// profile or trace takes as long as asked.
func newMetricsServer(h http.Handler, log *slog.Logger) *http.Server {
	return &http.Server{
		Handler:           h,
		ReadHeaderTimeout: 5 * time.Second,
		IdleTimeout:       2 * time.Minute,
		ErrorLog:          slog.NewLogLogger(log.Handler(), slog.LevelWarn),
	}
}
