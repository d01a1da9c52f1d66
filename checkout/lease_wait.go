package checkout

import (
	"context"
	"time"
)

// A buyer's or staff's action may meet another worker — the reconciler,
// here or on another instance — calling Antom about the same payment or
// refund under its lease. Its call lasts a few milliseconds, at worst
// until its deadline (leaseWork). Rather than answer "busy" when nothing
// was done, the action waits for it, bounded (actionWait), then works on
// what that worker left.
const (
	// actionWait is how long an action waits for work in flight
	// (Options.ActionWait): long enough for a call to Antom that answers
	// at all, short enough for a page that someone is looking at. Past
	// it, the action says that Antom is still being asked.
	actionWait = 3 * time.Second
	// leaseRetry is the first pause between two claims of a lease held
	// on another instance (whose release is not told here, see
	// leasedWait); each pause doubles, up to leaseRetryMax.
	leaseRetry    = 20 * time.Millisecond
	leaseRetryMax = 250 * time.Millisecond
)

// freedSubject is the freed hub's subject of a lease's release.
func freedSubject(work string) string { return "lease:" + work }

// leasedWait is leased for an action someone waits on: while another
// worker holds the lease on work, it waits for its release — up to
// Options.ActionWait, and no longer than ctx — then runs fn under the
// lease, on the work as that worker left it. It reports false, and fn
// does not run, if the lease was still held at the bound (or ctx ended,
// or the app is stopping).
//
// A release in this process wakes it at once (holdingOwn tells the freed
// hub). A release on another instance, or a lease that runs out, is seen
// by claiming again after a short pause that grows (leaseRetry): leases
// are released by the thousand by reconcilers, and telling every other
// instance of each (as the hub's relay does for pages) would cost more
// than the rare waiter's few hundred milliseconds.
func (s *Service) leasedWait(ctx context.Context, work string, fn func(context.Context)) bool {
	freed, stop := s.freed.Subscribe(freedSubject(work))
	defer stop()
	bound := time.NewTimer(s.opts.ActionWait)
	defer bound.Stop()
	for pause := leaseRetry; ; pause = min(2*pause, leaseRetryMax) {
		if s.leased(ctx, work, fn) {
			return true
		}
		retry := time.NewTimer(pause)
		select {
		case <-freed:
		case <-retry.C:
		case <-bound.C:
			return false
		case <-ctx.Done():
			return false
		case <-s.hub.Stopped():
			return false
		}
		retry.Stop()
	}
}

// inActionWait runs fn in the background (background: it outlives the
// request, with ctx's values — its request id, actor and subject — on
// the lines it writes) and waits for it up to Options.ActionWait, so
// that an action whose call to Antom goes unanswered answers anyway. fn
// reports whether it did its work (leasedWait's report). inActionWait
// returns nil once fn has returned true; ErrStillAsking when fn returned
// false (another worker still held the lease at the bound) or was still
// running at the bound — its work then goes on under its lease, and what
// it settles reaches waiting pages through the hub as usual; or ctx's
// cause if ctx ended first (fn goes on all the same).
func (s *Service) inActionWait(ctx context.Context, fn func(context.Context) bool) error {
	done := make(chan bool, 1)
	s.background(ctx, func(ctx context.Context) { done <- fn(ctx) })
	bound := time.NewTimer(s.opts.ActionWait)
	defer bound.Stop()
	select {
	case ok := <-done:
		if !ok {
			return ErrStillAsking // the other worker was still at it
		}
		return nil
	case <-bound.C:
		return ErrStillAsking
	case <-ctx.Done():
		return context.Cause(ctx)
	}
}
