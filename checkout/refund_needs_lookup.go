package checkout

import (
	"context"
	"fmt"
	"time"

	"antom-checkout/db"
	"antom-checkout/lang"
)

// needsLookup is the rule that keeps a refund we closed as failed
// ourselves from being paid twice. Such a refund (FAIL, SourceOurs: Antom
// had no such refund the times we asked, which is not Antom saying it
// failed) may yet be made by Antom, and each way staff could make it good
// would then pay the buyer a second time: trying it again (a new refund
// Antom would make too), marking it handled another way (money given
// outside Antom), or a new refund from the order's Refund form (refunds
// made after failures failed make good the oldest unmet failures first:
// db's refundsOwed). So none of them is offered or taken while it is an
// open failure, until a Refund lookup made since we closed it answered
// that Antom has no such refund (db.Refund.AbsentLookedAt, LookupRefund);
// a lookup that finds it settles it instead (done: nothing is owed;
// failed: Antom's own word). A later answer that Antom is processing it
// (a lookup, or the reconciler's watch) forgets that lookup
// (foundProcessing): Antom is making it, and all three wait again.
func needsLookup(r db.Refund) bool {
	return r.Status == db.RefundFail && r.FinalSource == db.SourceOurs && r.AbsentLookedAt.IsZero()
}

// heldAction is a staff action needsLookup holds back.
type heldAction int

const (
	heldRetry     heldAction = iota // "Try this refund again" (RetryRefund)
	heldHandled                     // "Mark handled another way" (HandleFailedRefund)
	heldNewRefund                   // a new refund of the order (RefundOrder)
)

// lookFirstRefusal is the *ConflictError refusing action while refund r
// needsLookup: why, what to do (the Refund lookup; once Antom was found
// processing it, that it is, and that a later answer or lookup is
// awaited, not told to "look it up first" again), and that nothing was
// sent or changed.
func lookFirstRefusal(r db.Refund, action heldAction, zone *time.Location) error {
	why := fmt.Sprintf("Refund %s was closed as failed by us, not by Antom, which may yet make it: look it up first (Refund lookup). ", r.RefundRequestID)
	once := "once the lookup says Antom has no such refund"
	if !r.FoundProcessingAt.IsZero() {
		why = fmt.Sprintf("Refund %s was closed as failed by us, not by Antom, and %s. ", r.RefundRequestID,
			FoundProcessingWords(r.FoundProcessingBy, r.FoundProcessingAt, zone))
		once = "only if a later Refund lookup says Antom has no such refund (or Antom reports it failed)"
	}
	switch action {
	case heldHandled:
		return &ConflictError{Message: why + "It can be marked handled another way " + once + "; " +
			"settling it with the buyer before could refund them twice. Nothing was changed."}
	case heldNewRefund:
		return &ConflictError{Message: why + "A new refund can be made " + once + ": " +
			"until then it could count towards making that refund good (a new refund makes good the oldest failed refunds first), " +
			"and the buyer could be refunded twice. Nothing was sent."}
	}
	return &ConflictError{Message: why + "It can be tried again " + once + "; " +
		"a retry before could refund the buyer twice. Nothing was sent."}
}

// newRefundsWaitFor are the open failures (open: db's
// RefundFailuresOwed, by refund id) among refunds (an order's, by id) of
// attempt attemptID that needsLookup, in that order: a new refund of that
// payment could count towards making them good, so it waits for the lookup of
// each. Nil when none.
func newRefundsWaitFor(refunds []db.Refund, open map[int64]db.RefundOwed, attemptID int64) []db.Refund {
	var waits []db.Refund
	for _, r := range refunds {
		if _, ok := open[r.ID]; ok && r.AttemptID == attemptID && needsLookup(r) {
			waits = append(waits, r)
		}
	}
	return waits
}

// newRefundLookFirst refuses a new refund of attempt a of order orderID,
// read through q (the transaction that inserts it, or the database's),
// while newRefundsWaitFor names a failure (the first); nil otherwise.
func (s *Service) newRefundLookFirst(ctx context.Context, q *db.Queries, orderID int64, a db.Attempt) error {
	open, err := openFailures(ctx, q, orderID)
	if err != nil || len(open) == 0 {
		return err
	}
	refunds, err := q.OrderRefunds(ctx, orderID)
	if err != nil {
		return err
	}
	if waits := newRefundsWaitFor(refunds, open, a.ID); len(waits) > 0 {
		return lookFirstRefusal(waits[0], heldNewRefund, s.zone())
	}
	return nil
}

// lookedAbsent records that staff member actor's Refund lookup of our
// refund r answered that Antom has no such refund, when r is one we
// closed as failed ourselves (db.LookedAbsent): the retry, the handling
// another way and new refunds it held back are offered (needsLookup),
// and the timeline says who looked. It reports whether it recorded it
// (false too when an earlier lookup had).
func (s *Service) lookedAbsent(ctx context.Context, actor string, r db.Refund) (bool, error) {
	if r.Status != db.RefundFail || r.FinalSource != db.SourceOurs {
		return false, nil
	}
	ok, err := s.db.LookedAbsent(ctx, r.ID, actor, s.now())
	if err != nil || !ok {
		return false, err
	}
	subject := s.refundSubject(ctx, r)
	s.recordBy(ctx, nil, subject, EventStaff, actor, "refund lookup of "+r.RefundRequestID+
		": Antom has no such refund; it may be tried again or marked handled another way, and new refunds may be made")
	s.hub.Publish(subject)
	return true, nil
}

// foundProcessing: Antom answered that refund r, which we closed as
// failed ourselves, is PROCESSING — to staff member actor's Refund
// lookup, or to the reconciler's watch (actor ""). Antom is making it:
// when and by whom is recorded (db.FoundProcessing; staff pages say it:
// ClosedByUsNow, closedByUsWords), and a lookup that said Antom had none
// no longer lets it be tried again, marked handled another way or
// refunded anew (that lookup is forgotten, and needsLookup holds again).
// The timeline says why, in the same transaction (of one already settled
// another way, that the buyer would get the money twice should Antom make
// it). Nothing happens when it was found processing already and no
// lookup said none since, or r is not one we closed (r as read before
// asking; the write checks it again).
func (s *Service) foundProcessing(ctx context.Context, r db.Refund, actor string) {
	if refundState(r) != stateRefundFailOurs || (r.AbsentLookedAt.IsZero() && !r.FoundProcessingAt.IsZero()) {
		return
	}
	subject := s.refundSubject(ctx, r)
	kind, who := EventReconciler, "reconciler's watch"
	if actor != "" {
		kind, who = EventStaff, "refund lookup"
	}
	line := who + " of " + r.RefundRequestID + ": Antom is processing it after all"
	if !r.AbsentLookedAt.IsZero() {
		line += ", though the lookup by " + r.AbsentLookedBy + " on " + lang.StaffTime(r.AbsentLookedAt, s.zone()) + " found none"
	}
	line += "; it may yet be made; "
	if r.HandledAt.IsZero() {
		line += "it may not be tried again nor marked handled another way, " +
			"and no new refund may be made, until a Refund lookup says Antom has no such refund (or Antom reports it done or failed)"
	} else {
		line += "it was settled another way by " + r.HandledBy + ": should Antom make it, the buyer gets this money twice"
	}
	now := s.now()
	found := false
	err := s.db.Tx(ctx, func(q *db.Queries) error {
		var err error
		if found, err = q.FoundProcessing(ctx, r.ID, actor, now); err != nil || !found {
			return err
		}
		s.recordBy(ctx, q, subject, kind, actor, line)
		return nil
	})
	if err != nil {
		s.log.Error("refund found processing", "refund", r.ID, "err", err)
		return
	}
	if found {
		s.hub.Publish(subject)
	}
}
