package checkout

import (
	"context"
	"time"
)

// Reconcile makes one pass over everything that waits on time or on an
// unknown outcome: link attempts past their limit expire, authorized ones
// whose applyToken was interrupted get it, unconfirmed revokes are sent
// again, access tokens near expiry are refreshed, and payments whose
// outcome is unknown are asked about (inquiryPayment) and, past their
// expiry, cancelled; card authorizations whose authExpiryTime no answer
// gave are asked about for it (lookForAuthExpiries), and those past it
// that nothing captured close as EXPIRED; cancels Antom has not confirmed are sent again;
// attempts we closed ourselves are asked about for a day, for a late
// success; refunds still processing are asked about (inquiryRefund);
// deferred notifications whose paymentId a payment now has are re-applied
// (reapplyDeferred: what a crash kept from being re-applied at once). Each decision goes
// on the subject's timeline. It is safe to run on several instances at
// once: every move is a compare-and-set in the database, and every call
// to Antom is made under a lease on what it is about (lease.go), so each
// item is worked by one instance at a time, once per due time. A pass
// has a request id of its own (ReconcilerRequestPrefix, unless ctx
// carries one), on its Antom calls' log lines and on the timeline
// entries it writes.
func (s *Service) Reconcile(ctx context.Context) error {
	ctx = ownRequestID(ctx, ReconcilerRequestPrefix)
	now := s.now()
	expired, err := s.db.PendingLinksPast(ctx, now)
	if err != nil {
		return err
	}
	for _, l := range expired {
		if err := s.expireLink(ctx, l.ID); err != nil {
			return err
		}
	}
	waiting, err := s.db.LinksAwaitingToken(ctx, now)
	if err != nil {
		return err
	}
	for _, l := range waiting {
		s.record(ctx, nil, LinkSubject(l.ID), EventReconciler, "applyToken not finished; trying again")
		s.completeLink(ctx, l.ID)
	}
	revoking, err := s.db.WalletsToRevoke(ctx, now)
	if err != nil {
		return err
	}
	for _, w := range revoking {
		s.revoke(ctx, w.ID)
	}
	expiring, err := s.db.WalletsToRefresh(ctx, now.Add(s.opts.RefreshWindow))
	if err != nil {
		return err
	}
	for _, w := range expiring {
		s.leased(ctx, walletWork(w.ID), func(ctx context.Context) { s.refreshIfDue(ctx, w.ID) })
	}
	if err := s.checkAttempts(ctx); err != nil {
		return err
	}
	if err := s.checkRefunds(ctx); err != nil {
		return err
	}
	if err := s.checkCaptures(ctx); err != nil {
		return err
	}
	if err := s.lookForAuthExpiries(ctx); err != nil {
		return err
	}
	if err := s.endAuthorizations(ctx); err != nil {
		return err
	}
	s.reapplyDeferred(ctx, "")
	return nil
}

// RunReconciler reconciles at once (start-up) and then every period
// until ctx ends. A pass under way when ctx ends runs to its end (its
// Antom calls finish) unless Halt is called.
func (s *Service) RunReconciler(ctx context.Context, period time.Duration) {
	t := time.NewTicker(period)
	defer t.Stop()
	for {
		pass, done := s.detached(ctx)
		if err := s.Reconcile(pass); err != nil && pass.Err() == nil {
			s.log.Error("reconcile", "err", err)
		}
		done()
		select {
		case <-ctx.Done():
			return
		case <-t.C:
		}
	}
}
