package handlers

import (
	"context"
	"errors"
	"log/slog"
	"net"
	"sync"

	"antom-checkout/db"
)

// healthWord is what /healthz says publicly of a failed check: one fixed
// word, never the error's text, which names the database's user, name,
// host and port, or the DNS resolver's address. The detail goes to the
// log (healthLog). "busy" is the database's lock held past the write
// probe's wait (db.ErrLockWait): up, but writes queue. "stuck" is this
// instance's own write connection (or, on PostgreSQL, its own transaction
// holding the lock) held past db's bound (db.ErrWriteStuck): its writes
// wait for a holder that does not let go.
func healthWord(err error) string {
	var netErr net.Error
	var dnsErr *net.DNSError
	var opErr *net.OpError
	switch {
	case errors.Is(err, db.ErrWriteStuck):
		return "stuck"
	case errors.Is(err, db.ErrLockWait):
		return wordBusy
	case errors.Is(err, context.DeadlineExceeded), errors.As(err, &netErr) && netErr.Timeout():
		return "timeout"
	case errors.As(err, &dnsErr), errors.As(err, &opErr):
		return "unreachable"
	default:
		return "error"
	}
}

// healthLog logs a check's failure at WARN, with its detail, when its
// word changes (ok → timeout, timeout → unreachable, …), and its
// recovery at INFO: once per change of state, not once per load
// balancer's probe every second.
type healthLog struct {
	mu   sync.Mutex
	last map[string]string // check → its last word; absent: "ok"
}

func (h *healthLog) note(log *slog.Logger, check, word string, err error) {
	h.mu.Lock()
	defer h.mu.Unlock()
	was := h.last[check]
	if was == "" {
		was = "ok"
	}
	if word == was {
		return
	}
	if h.last == nil {
		h.last = map[string]string{}
	}
	h.last[check] = word
	if err != nil {
		log.Warn("health check failed", "check", check, "status", word, "was", was, "err", err)
	} else {
		log.Info("health check recovered", "check", check, "was", was)
	}
}
