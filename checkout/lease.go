package checkout

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"errors"
	"fmt"
	"time"

	"antom-checkout/db"
)

// Several app instances may run on one database, each with its own
// reconciler (DESIGN.md §7). Whatever calls Antom about one payment
// attempt, refund, capture or wallet does so under a lease on it in the
// database (db.ClaimLease): one worker at a time, whichever instance it
// runs on. A worker that cannot get the lease leaves the work alone — its
// holder is on it, and what is still due stays due in the database for
// the next pass. The work runs under a deadline well inside the lease, so
// a call cannot outlive it; an instance that dies holding a lease leaves
// the work to the others once the lease has run out.
const (
	// leaseTime is how long one worker owns a piece of work.
	leaseTime = 20 * time.Second
	// leaseWork is how long the work may take: the rest of the lease is
	// room for clocks that differ a little between instances.
	leaseWork = 15 * time.Second
)

// errLeased means another worker holds the lease on the work right now:
// nothing was sent to Antom; what is stored waits for the next pass.
var errLeased = errors.New("checkout: another worker is on it")

// errBusy answers staff who ask for work another worker still holds the
// lease on after waiting for it (leasedWait).
var errBusy = &ConflictError{Message: "This is being checked with Antom right now. Try again in a moment."}

// Lease keys: the work they stand for.
func attemptWork(id int64) string { return fmt.Sprintf("attempt:%d", id) }
func refundWork(id int64) string  { return fmt.Sprintf("refund:%d", id) }
func captureWork(id int64) string { return fmt.Sprintf("capture:%d", id) }
func walletWork(id int64) string  { return fmt.Sprintf("wallet:%d", id) }

// lease is one claim on a piece of work.
type lease struct {
	work, holder string
}

// heldKey marks, in a context, a lease its work runs under: work it
// starts on the same thing (a follow-up cancel of the attempt being
// checked) goes ahead without claiming it again.
type heldKey string

// claim tries to take the lease on work, in the caller's transaction when
// q is a transaction's queries (a row inserted there is leased from the
// moment it exists). It reports false when another worker holds it.
func (s *Service) claim(ctx context.Context, q *db.Queries, work string) (lease, bool, error) {
	l, err := newLease(work)
	if err != nil {
		return lease{}, false, err
	}
	now := s.now()
	ok, err := q.ClaimLease(ctx, work, l.holder, now, now.Add(leaseTime))
	return l, ok, err
}

// claimNew takes the lease on work that the caller's transaction has
// just created: nobody else can hold it (db.ClaimNewLease).
func (s *Service) claimNew(ctx context.Context, q *db.Queries, work string) (lease, error) {
	l, err := newLease(work)
	if err != nil {
		return lease{}, err
	}
	now := s.now()
	return l, q.ClaimNewLease(ctx, work, l.holder, now, now.Add(leaseTime))
}

// newLease is a claim on work under a holder of its own.
func newLease(work string) (lease, error) {
	b := make([]byte, 8)
	if _, err := rand.Read(b); err != nil {
		return lease{}, err
	}
	return lease{work: work, holder: hex.EncodeToString(b)}, nil
}

// holding runs fn under a lease already claimed, within leaseWork, then
// releases it.
func (s *Service) holding(ctx context.Context, l lease, fn func(context.Context)) {
	s.holdingOwn(ctx, l, func(ctx context.Context) bool {
		fn(ctx)
		return false
	})
}

// holdingOwn is holding for work that may release the lease itself, in
// the transaction that finishes it (releaseIn): fn reports whether it
// did; if not, the lease is released here. fn's context keeps ctx's
// values, not its cancellation. Either way, an action of this
// process waiting for the lease (leasedWait) then claims it.
func (s *Service) holdingOwn(ctx context.Context, l lease, fn func(context.Context) bool) {
	released := false
	defer func() {
		defer s.freed.Publish(freedSubject(l.work))
		if released {
			return
		}
		if err := s.db.ReleaseLease(context.WithoutCancel(ctx), l.work, l.holder); err != nil {
			s.log.Error("release lease", "work", l.work, "err", err)
		}
	}()
	// The work runs to its end whatever becomes of the request that asked
	// for it: a browser closed or stopped mid-call would otherwise cancel
	// Antom's call (a refund, a capture, a payment), its outcome unknown
	// and the action left to the reconciler. Only leaseWork and Halt (the
	// shutdown's deadline) end it.
	work, done := s.detached(ctx)
	defer done()
	work, cancel := context.WithTimeout(context.WithValue(work, heldKey(l.work), true), leaseWork)
	defer cancel()
	released = fn(work)
}

// releaseIn releases l in the caller's transaction q and returns ctx for
// what follows its commit: no longer holding l, so that work after it on
// the same thing claims the lease again.
func (s *Service) releaseIn(ctx context.Context, q *db.Queries, l lease) (context.Context, error) {
	if err := q.ReleaseLease(ctx, l.work, l.holder); err != nil {
		return ctx, err
	}
	return context.WithValue(ctx, heldKey(l.work), nil), nil
}

// leased runs fn under the lease on work: at once if ctx already holds
// it, else once it is claimed. It reports false, and fn does not run,
// when another worker holds it (or the claim failed: logged).
func (s *Service) leased(ctx context.Context, work string, fn func(context.Context)) bool {
	if ctx.Value(heldKey(work)) != nil {
		fn(ctx)
		return true
	}
	l, ok, err := s.claim(ctx, s.db.Queries, work)
	if err != nil {
		s.log.Error("claim lease", "work", work, "err", err)
	}
	if !ok {
		return false
	}
	s.holding(ctx, l, fn)
	return true
}
