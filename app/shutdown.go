package app

import (
	"context"
	"log/slog"
	"net"
	"net/http"
	"sync"
	"time"

	"antom-checkout/handlers"
)

// shutdownGrace bounds how long stopping waits for requests in flight,
// the reconciler's pass and background work (their Antom calls included).
// cutOffGrace is the little more it waits, past it, for the handlers it
// cut off to return, so that their lines come before "stopped".
const (
	shutdownGrace = 10 * time.Second
	cutOffGrace   = 2 * time.Second
)

// grace is Config.ShutdownGrace, else shutdownGrace.
func (c Config) grace() time.Duration {
	if c.ShutdownGrace > 0 {
		return c.ShutdownGrace
	}
	return shutdownGrace
}

// served is a server and the listener it serves, with what cuts off its
// requests and counts its handlers still running.
type served struct {
	srv     *http.Server
	ln      net.Listener
	cut     context.CancelCauseFunc // ends every request's context
	running *running
}

// serving prepares srv to serve ln: every request's context derives from
// one that cut cancels (with handlers.ErrShutdownDeadline as the cause,
// so that a request cut off is not taken for one its client left), and
// its handlers are counted.
func serving(srv *http.Server, ln net.Listener) served {
	base, cut := context.WithCancelCause(context.Background())
	srv.BaseContext = func(net.Listener) context.Context { return base }
	r := &running{}
	srv.Handler = r.count(srv.Handler)
	return served{srv: srv, ln: ln, cut: cut, running: r}
}

// stop shuts down in the order that loses nothing: long-polls answer at
// once; the app's listener closes and its requests in flight finish; the
// reconciler's pass, the notifications still queued for their batch
// transaction and background work finish; then the sandbox (which
// answered their Antom calls) and the metrics stop. Past the grace
// (shutdownGrace), requests still running are cut off (their contexts
// end with handlers.ErrShutdownDeadline, and they answer 503), and the
// remaining work is halted: outcomes left unknown are settled by the
// reconciler on the next start. The handlers cut off get cutOffGrace
// more to answer and log their line; the connections of any still
// running then are closed.
func (a *App) stop(front, back []served, reconciled <-chan struct{}) {
	grace := a.cfg.grace()
	a.log.Info("stopping", "grace", grace.String())
	a.checkout.Hub().Stop()
	ctx, cancel := context.WithTimeout(context.Background(), grace)
	defer cancel()
	last := time.Now().Add(grace + cutOffGrace)
	halt := context.AfterFunc(ctx, a.checkout.Halt)
	defer halt()
	shutdown(ctx, last, front, a.log)
	<-reconciled
	a.checkout.Wait()
	shutdown(ctx, last, back, a.log)
}

// shutdown stops servers at once, all together: each stops accepting and
// waits for its requests until ctx ends, then cuts off what is left and
// waits until last for those handlers to answer and return.
func shutdown(ctx context.Context, last time.Time, servers []served, log *slog.Logger) {
	var wg sync.WaitGroup
	for _, s := range servers {
		wg.Go(func() {
			if err := s.srv.Shutdown(ctx); err == nil {
				return
			}
			addr := s.ln.Addr().String()
			log.Warn("requests still running at the shutdown deadline; cutting them off", "addr", addr)
			s.cut(handlers.ErrShutdownDeadline)
			// The handlers cut off answer 503 (handlers.requestEnded):
			// shutting down again until last lets those answers out, each
			// connection closed once answered. Closing at once cut them
			// short, the client given a closed connection. Only what
			// still runs at last has its connection closed unanswered.
			answered, cancel := context.WithDeadline(context.Background(), last)
			err := s.srv.Shutdown(answered)
			cancel()
			if err != nil {
				s.srv.Close()
			}
			if n := s.running.wait(last); n > 0 {
				log.Warn("handlers still running after being cut off; stopping without them", "addr", addr, "handlers", n)
			}
		})
	}
	wg.Wait()
}

// running counts a server's handlers still running.
type running struct {
	mu   sync.Mutex
	n    int
	none chan struct{} // closed when n falls to 0 while wait waits
}

func (r *running) count(h http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, req *http.Request) {
		r.mu.Lock()
		r.n++
		r.mu.Unlock()
		defer r.done()
		h.ServeHTTP(w, req)
	})
}

func (r *running) done() {
	r.mu.Lock()
	defer r.mu.Unlock()
	if r.n--; r.n == 0 && r.none != nil {
		close(r.none)
		r.none = nil
	}
}

// wait waits until no handler runs or until last, and returns how many
// still run.
func (r *running) wait(last time.Time) int {
	r.mu.Lock()
	if r.n == 0 {
		r.mu.Unlock()
		return 0
	}
	if r.none == nil {
		r.none = make(chan struct{})
	}
	none := r.none
	r.mu.Unlock()
	t := time.NewTimer(time.Until(last))
	defer t.Stop()
	select {
	case <-none:
	case <-t.C:
	}
	r.mu.Lock()
	defer r.mu.Unlock()
	return r.n
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
