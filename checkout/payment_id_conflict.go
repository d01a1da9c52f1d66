package checkout

import (
	"context"

	"antom-checkout/db"
)

// A paymentId conflict: Antom answered about one of our payments
// (paymentRequestId) naming another paymentId than the one on record —
// an answer to our own call (otherPaymentIDLine) or a PAYMENT_RESULT,
// quarantined (attemptForNotice). One paymentRequestId is one payment at
// Antom, so one of the two words is wrong and we do not know which
// payment Antom is talking about. Each other paymentId is recorded as
// data (db.RecordPaymentIDConflict) in the transaction that tells it.
// While Antom has not settled the payment (still processing, or closed
// by us), nothing is done with money on it automatically
// (heldForConflict; paidIn for a payment still open when another paid
// the order): no cancel at its expiry, none when another payment paid
// the order; staff decide, told by the order page
// (AdminOrder.PaymentIDConflicts) and the dashboard
// (Dashboard.PaymentIDConflicts) until they mark it resolved
// (alarm_resolve.go) — after which the app still cancels nothing of it
// by itself: staff decided.

// namedAgainst is the words of otherPaymentIDLine that name the
// conflict of paymentId other with onRecord.
func namedAgainst(other, onRecord string) string {
	return "naming paymentId " + other + ", not " + onRecord + ", the one on record"
}

// unsettledByAntom reports whether Antom has not settled attempt a: it
// is still processing, or we closed it ourselves. Only such a payment is
// held for a paymentId conflict: one Antom settled stands with the
// paymentId it was settled with.
func unsettledByAntom(a db.Attempt) bool {
	return a.Status == db.AttemptProcessing || a.FinalSource == db.SourceOurs
}

// tellOtherPaymentID records that Antom named paymentId other for
// attempt id (db.RecordPaymentIDConflict) and, if that paymentId was
// not recorded for it before, says line (otherPaymentIDLine) on
// subject's timeline, both through q (nil: in a transaction of their
// own): an answer naming the same other paymentId again — every inquiry
// while the reconciler keeps asking — adds no line. A cancel the app
// stored of its own before it learned the conflict is held in the same
// transaction (db.HoldStoredCancel: no longer sent, the pages no longer
// say it is being cancelled), and a second line says so. It reports
// whether the conflict's line was said now.
func (s *Service) tellOtherPaymentID(ctx context.Context, q *db.Queries, id int64, subject, kind, line, other string) bool {
	told := false
	tell := func(q *db.Queries) error {
		fresh, err := q.RecordPaymentIDConflict(ctx, id, other, s.now())
		if err != nil || !fresh {
			return err
		}
		s.record(ctx, q, subject, kind, line)
		told = true
		held, err := q.HoldStoredCancel(ctx, id, s.now())
		if err != nil || !held {
			return err
		}
		a, err := q.AttemptByID(ctx, id)
		if err != nil {
			return err
		}
		s.record(ctx, q, subject, kind, storedCancelHeldLine(a))
		return nil
	}
	var err error
	if q != nil {
		err = tell(q)
	} else {
		err = s.db.Tx(ctx, tell)
	}
	if err != nil {
		s.log.Error("record paymentId conflict", "attempt", id, "err", err)
		return false
	}
	return told
}

// conflictIn reports whether Antom's answers about attempt a conflict on
// paymentId (a db.PaymentIDConflict is recorded of it) while Antom has
// not settled it, read through q. Staff's "Mark resolved" does not end
// it: the app still cancels nothing of it by itself.
func (s *Service) conflictIn(ctx context.Context, q *db.Queries, a db.Attempt) (bool, error) {
	if a.PaymentID == "" || !unsettledByAntom(a) {
		return false, nil
	}
	conflicts, err := q.PaymentIDConflictsOfOrder(ctx, a.OrderID)
	if err != nil {
		return false, err
	}
	for _, c := range conflicts {
		if c.AttemptID == a.ID {
			return true, nil
		}
	}
	return false, nil
}

// storedCancelHeldLine is the timeline's line for attempt a's cancel,
// stored by the app before it learned of a paymentId conflict, when it
// is held (db.Attempt.CancelHeld).
func storedCancelHeldLine(a db.Attempt) string {
	return a.PaymentRequestID + ": the cancel stored earlier is no longer sent: Antom's answers name another paymentId than " + a.PaymentID +
		", the one on record, so we do not know which payment a cancel would end; left for staff — look the payment up in Antom Dashboard" +
		" and cancel or keep it there. A cancel sent before may still take effect; the app keeps asking Antom and applies what it settles"
}

// heldForConflict reports whether a cancel of attempt a (why) is not to
// be sent because Antom's answers about it conflict on paymentId while
// Antom has not settled it: a cancel the app would decide by itself —
// at its expiry, when another payment paid the order, when we closed it
// and Antom still holds it open. A cancel a person asked for still goes:
// the buyer's "pay another way" (a.AbandonedAt), staff's void. Held, the
// order's timeline says so once (db.HoldPaymentIDConflict), and the
// attempt is asked about again (as a payment we closed is watched:
// growing pauses, for lateWatch after it started), so that Antom's own
// settlement still applies. Staff see it on the order page and the
// dashboard. A conflict that cannot be read is held too: nothing is done
// with money on a payment in doubt.
func (s *Service) heldForConflict(ctx context.Context, a db.Attempt, why string) bool {
	if a.PaymentID == "" || !unsettledByAntom(a) || !a.AbandonedAt.IsZero() || actorOf(ctx) == EventStaff {
		return false
	}
	subject := s.subjectOf(ctx, a)
	held, err := s.conflictIn(ctx, s.db.Queries, a)
	if err != nil {
		s.log.Error("read paymentId conflicts", "attempt", a.ID, "err", err)
		return true
	}
	if !held {
		return false
	}
	told := false
	if err := s.db.Tx(ctx, func(q *db.Queries) error {
		first, err := q.HoldPaymentIDConflict(ctx, a.ID, s.now())
		if err != nil || !first {
			return err
		}
		line := a.PaymentRequestID + ": not cancelled automatically (" + why + "): Antom's answers name another paymentId than " +
			a.PaymentID + ", the one on record, so we do not know which payment a cancel would end; left for staff — look the payment up in Antom Dashboard" +
			" and cancel or keep it there. The app keeps asking Antom and applies what it settles"
		if a.CancelStatus == db.CancelProcessing {
			line = storedCancelHeldLine(a) // stored before this change held it at the conflict's learning
		}
		s.record(ctx, q, subject, outcomeKind(ctx), line)
		told = true
		return nil
	}); err != nil {
		s.log.Error("hold paymentId conflict", "attempt", a.ID, "err", err)
	}
	if told {
		s.hub.Publish(subject)
	}
	pause := min(firstWatch<<min(a.Checks, 8), maxWatchPause)
	if s.now().After(a.CreatedAt.Add(lateWatch)) {
		pause = 0 // a day on: staff have it; Antom's notification still applies
	}
	s.scheduleCheck(ctx, a, pause)
	return true
}
