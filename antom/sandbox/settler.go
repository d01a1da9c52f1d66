package sandbox

import (
	"context"
	"errors"
	"time"
)

// settleBatch is how many PROCESSING payments the settler reads at once.
const settleBatch = 32

// settleLoop runs the settler until ctx ends: it finishes every
// PROCESSING payment whose planned settlement or expiry is due, and every
// delayed refund that is due, and sleeps until the next one is, or until
// kickSettler. Its schedule lives in the database (settle_at,
// expires_at), so it resumes after a restart.
func (s *Sandbox) settleLoop(ctx context.Context) {
	timer := time.NewTimer(time.Hour)
	defer timer.Stop()
	for {
		wait := s.settleDue(ctx)
		timer.Stop()
		var due <-chan time.Time
		if wait >= 0 {
			timer.Reset(wait)
			due = timer.C
		}
		select {
		case <-ctx.Done():
			return
		case <-s.settleWake:
		case <-due:
		}
	}
}

// kickSettler wakes the settler without blocking.
func (s *Sandbox) kickSettler() {
	select {
	case s.settleWake <- struct{}{}:
	default:
	}
}

// settleDue finishes the PROCESSING payments and refunds that are due
// and returns how long until the next one is, or -1 when none is
// scheduled.
func (s *Sandbox) settleDue(ctx context.Context) time.Duration {
	return soonest(s.settlePaymentsDue(ctx), s.settleRefundsDue(ctx))
}

// soonest is the shorter of two waits, where -1 means none.
func soonest(a, b time.Duration) time.Duration {
	switch {
	case a < 0:
		return b
	case b < 0:
		return a
	}
	return min(a, b)
}

// settlePaymentsDue finishes the PROCESSING payments that are due and
// returns how long until the next one is, or -1 when none is scheduled.
func (s *Sandbox) settlePaymentsDue(ctx context.Context) time.Duration {
	for {
		ps, err := processingPayments(ctx, s.db, settleBatch)
		if err != nil {
			s.settlerFailed(ctx, err)
			return errorBackoff
		}
		now := s.now()
		for _, p := range ps {
			if at := p.dueAt(); at.After(now) {
				return at.Sub(now)
			}
			_, err := s.settleTx(ctx, p.PaymentID, func(p payment) string { return p.dueOutcome(s.now()) })
			if err != nil && !errors.Is(err, ErrPaymentNotProcessing) {
				s.settlerFailed(ctx, err)
				return errorBackoff
			}
		}
		if len(ps) < settleBatch {
			return -1
		}
	}
}

// settlerFailed logs a settler error unless the settler is stopping.
func (s *Sandbox) settlerFailed(ctx context.Context, err error) {
	if ctx.Err() == nil {
		s.log.Error("sandbox: settler", "err", err)
	}
}
