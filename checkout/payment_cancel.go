package checkout

import (
	"context"
	"fmt"
	"time"

	"antom-checkout/antom"
	"antom-checkout/db"
)

// cancelTries bounds how often one cancel is sent while its answer is
// unknown (the official demo: up to 3, API.md §5.1.a, §5.5) when it is
// first sent, or sent by a buyer's or staff's action: someone waits for
// its answer. Then the reconciler sends it again, once per step of
// cancelBackoff (resendTries).
const cancelTries = 3

// resendTries is how often the reconciler sends a cancel already stored
// and unanswered (one step of cancelBackoff): once. The backoff is the
// retry: a cancel is idempotent at Antom ("repeating is safe", API.md
// §2.4), so the number of calls never moves money, and it has no
// notification (§5.5), so only a send that gets an answer ends it —
// which a burst of three within a second adds little to after an
// answer has been missing for seconds already, while it triples the
// calls (and their lines) an outage or Antom's throttling
// (REQUEST_TRAFFIC_EXCEED_LIMIT, U) costs. One send a minute at the cap
// still reaches Antom more than a dozen times within the shortest cancel
// window (~16 min, §8.4).
const resendTries = 1

// cancelAttempt asks Antom to cancel a payment so that it cannot complete
// (API.md §5.5): an open one still unknown past its expiry, one whose pay
// answer had no page, one we closed ourselves that Antom still holds
// open, or a surplus authorization (a void) — but none the app decides
// by itself while Antom's answers about it conflict on paymentId
// (heldForConflict: left for staff). The wish is stored first
// (cancel PROCESSING), so until Antom answers the reconciler sends it
// again; by (a CancelBy* value) is stored with it as who asked for it,
// unless a cancel stored before is still PROCESSING (its asker stays).
// S cancels it (CANCELLED, as Antom says; a surplus authorization
// stays SUCCESS, voided); a refusal means the payment is final at Antom:
// inquiryPayment says how. It returns the cancel call's error (nil on S,
// or when Antom had cancelled it already). The call is made under the
// attempt's lease; while another worker holds it, the stored wish waits
// for the next reconciler pass and errLeased is returned.
func (s *Service) cancelAttempt(ctx context.Context, a db.Attempt, by, why string) error {
	subject := s.subjectOf(ctx, a)
	ctx = withSubject(ctx, subject)
	fresh, err := s.db.AttemptByID(ctx, a.ID)
	if err == nil && a.Status != db.AttemptSuccess && fresh.Status == db.AttemptSuccess {
		// Paid since it was read: a payment that was to be stopped is not
		// cancelled once paid (that would give the money back). A SUCCESS
		// that lands after the cancel is stored leaves it in doubt instead.
		s.record(ctx, nil, subject, outcomeKind(ctx), "cancel of "+a.PaymentRequestID+" not sent: it succeeded meanwhile")
		return nil
	}
	if err == nil && fresh.FinalSource == db.SourceAntom && (fresh.Status == db.AttemptFail || fresh.Status == db.AttemptCancelled) {
		// Antom ended it since it was read (its notification, another
		// worker's inquiry): there is nothing left to stop, and a cancel
		// stored now would be sent again and again for nothing.
		return nil
	}
	if err == nil && s.heldForConflict(ctx, fresh, why) {
		// Antom's answers name two paymentIds for it: staff decide.
		return nil
	}
	if ok, err := s.db.RequestCancel(ctx, a.ID, by, s.now()); err != nil || !ok {
		if err != nil {
			s.log.Error("request cancel", "attempt", a.ID, "err", err)
		}
		return err
	}
	if !s.leased(ctx, attemptWork(a.ID), func(ctx context.Context) { err = s.sendCancel(ctx, a, why) }) {
		return errLeased
	}
	return err
}

// sendCancel sends a stored cancel wish to Antom, resending it while the
// answer is unknown and the cancel is still PROCESSING (retryWhileOpen),
// and applies the answer; the caller holds the attempt's lease.
//
// A resend by the reconciler (the cancel was stored before, and no one
// waits for it) is one call (resendTries): at the backoff's cap, one
// call and its one line a minute.
func (s *Service) sendCancel(ctx context.Context, a db.Attempt, why string) error {
	subject := s.subjectOf(ctx, a)
	req := &antom.CancelRequest{PaymentRequestID: a.PaymentRequestID}
	tries := cancelTries
	if a.CancelStatus == db.CancelProcessing && actorOf(ctx) == EventReconciler {
		tries = resendTries
	}
	calls := 0
	_, err := s.retryWhileOpen(ctx, tries, cancelOpen(a.ID), func() error {
		calls++
		_, err := s.antom.Cancel(ctx, req)
		return err
	})
	if a, err = s.reread(ctx, a, err); a.ID == 0 {
		return err
	}
	expired := s.now().After(a.ExpiresAt.Add(cancelGrace))
	switch {
	case err == nil:
		s.cancelConfirmed(ctx, a, why)
	case antom.IsFailed(err) && failureCode(err) == antom.CodeOrderNotExist && expired && a.Status == db.AttemptProcessing:
		s.endCancel(ctx, a, db.CancelFail, time.Time{})
		s.settleNow(ctx, a, payOutcome{status: db.AttemptFail, code: antom.CodeOrderNotExist, ours: true}, why+": Antom has no such payment and its time is over")
	case antom.IsFailed(err) && failureCode(err) != antom.CodeOrderNotExist:
		if a.Status == db.AttemptSuccess {
			// A void (staff's, or a surplus authorization's) Antom will
			// not make: staff decide; the order page says so (voidRefusalOpen).
			s.refuseVoid(ctx, a, failureCode(err), failureMessage(err))
		} else {
			s.endCancel(ctx, a, db.CancelFail, s.now().Add(s.checkPause(a)))
		}
		s.record(ctx, nil, subject, outcomeKind(ctx), "cancel of "+a.PaymentRequestID+" refused ("+failureCode(err)+"): "+refusedNext(a))
	default:
		// Unknown, or Antom does not show the payment yet.
		s.cancelUnanswered(ctx, a, calls, err)
	}
	return err
}

// cancelUnanswered counts a send of a PROCESSING cancel that got no
// answer (err), and the calls to Antom it made, and sets the next send
// after cancelBackoff's pause. Its line is written with the count, in one
// transaction, and only while the cancel is still PROCESSING: a
// notification may have ended it while the call ran. The first send's
// line says it is sent again; then one line per step while the pause
// grows, the last saying the pause it stays at; the reconciler's sends at
// that pause write none (their calls are on the timeline), a buyer's or
// staff's always do. A later line counts the calls made, each one on the
// timeline: a first send, a buyer's or staff's is up to cancelTries, a
// reconciler's resend one. A cancel held for a paymentId conflict while
// the send was out (db.CancelHeldNow, read in the same transaction) is
// not sent again: its line says so (heldUnansweredLine), after the
// hold's.
func (s *Service) cancelUnanswered(ctx context.Context, a db.Attempt, calls int, err error) {
	seen, rerr := s.db.CancelTally(ctx, a.ID)
	if rerr != nil {
		s.log.Error("cancel tally", "attempt", a.ID, "err", rerr)
		return
	}
	n := seen.Sends + 1
	pause := s.pause(cancelBackoff, n)
	write := n == 1 || !cancelBackoff.capped(n-1) || actorOf(ctx) != EventReconciler
	line := "cancel of " + a.PaymentRequestID + " not confirmed" + unknownWhy(err)
	switch {
	case actorOf(ctx) != EventReconciler && n == 1:
		line += "; the reconciler sends it again until Antom answers"
	case n > 1:
		line = "cancel of " + a.PaymentRequestID + " still not confirmed after " + cancelCount(seen, calls) + unknownWhy(err)
		fallthrough
	default:
		if cancelBackoff.capped(n) {
			line += "; sending it again every " + pauseWords(pause) + " until Antom answers"
		} else {
			line += "; sending it again in " + pauseWords(pause)
		}
	}
	now := s.now()
	s.hit(PointCancelUnanswered)
	subject, kind := s.subjectOf(ctx, a), outcomeKind(ctx)
	lctx, cancel := lineContext(ctx)
	defer cancel()
	// As recordWhileOpen: the count, the check and the line in one
	// transaction. A cancel held for a paymentId conflict while this send
	// was out (the hold's line is on the timeline already) is not sent
	// again, so its line says so, never that it will be.
	if werr := s.db.Tx(lctx, func(q *db.Queries) error {
		counted, werr := q.RetryCancelAt(lctx, a.ID, seen.Sends, calls, now.Add(pause), now)
		if werr != nil || !counted {
			return werr
		}
		held, werr := q.CancelHeldNow(lctx, a.ID)
		switch {
		case werr != nil:
			return werr
		case held:
			s.record(lctx, q, subject, kind, heldUnansweredLine(a, err))
		case write:
			s.record(lctx, q, subject, kind, line)
		}
		return nil
	}); werr != nil {
		s.log.Error("timeline", "subject", subject, "err", werr)
	}
}

// PointCancelUnanswered is the TestHook point after a cancel's send got
// no answer and before its line is written (cancelUnanswered): outside
// any transaction, so that a test may change the attempt there — hold
// the cancel for a paymentId conflict learned meanwhile.
const PointCancelUnanswered = "cancel-unanswered"

// heldUnansweredLine is the timeline's line for a send of attempt a's
// cancel that got no answer (err) and was held for a paymentId conflict
// while it was out: not sent again.
func heldUnansweredLine(a db.Attempt, err error) string {
	return "cancel of " + a.PaymentRequestID + " not confirmed" + unknownWhy(err) +
		"; not sent again: held for the paymentId conflict (see above) — left for staff"
}

// cancelCount words how often a cancel was sent without an answer, this
// send's calls included: the calls to Antom it made ("8 calls"), or, for
// a cancel under way before calls were counted, its sends ("6 sends").
func cancelCount(seen db.CancelTally, calls int) string {
	if seen.Calls < 0 {
		return fmt.Sprint(seen.Sends+1) + " sends"
	}
	return fmt.Sprint(seen.Calls+calls) + " calls to Antom"
}

func refusedNext(a db.Attempt) string {
	if a.Status == db.AttemptSuccess {
		return "the authorization was not voided; left for staff"
	}
	return "asking inquiryPayment what it became"
}

// reread returns the attempt as it stands now, and err unchanged; a zero
// attempt if it cannot be read.
func (s *Service) reread(ctx context.Context, a db.Attempt, err error) (db.Attempt, error) {
	fresh, rerr := s.db.AttemptByID(ctx, a.ID)
	if rerr != nil && ctx.Err() != nil {
		// The work's time (leaseWork) ran out during Antom's call: what it
		// stored before stays, and the reconciler takes the attempt on from
		// there (its check is due). No fault of the database.
		s.log.Warn("attempt not read again: the work's time ran out", "attempt", a.ID, "err", rerr)
		return db.Attempt{}, err
	}
	if rerr != nil {
		s.log.Error("read attempt", "attempt", a.ID, "err", rerr)
		return db.Attempt{}, err
	}
	return fresh, err
}

// cancelConfirmed applies Antom's S to a cancel: an attempt still open
// (or closed by us) is CANCELLED as Antom says; one that is SUCCESS here
// — a void, a surplus authorization, or a payment that succeeded while
// the cancel was under way — is cancelled after payment (paidCancelIn).
func (s *Service) cancelConfirmed(ctx context.Context, a db.Attempt, why string) {
	var settled bool
	var f followUps
	err := s.db.Tx(ctx, func(q *db.Queries) error {
		fresh, err := q.AttemptByID(ctx, a.ID)
		if err != nil {
			return err
		}
		if fresh.Status == db.AttemptSuccess {
			settled, err = s.paidCancelIn(ctx, q, fresh, why)
			return err
		}
		ok, err := q.SetCancelStatus(ctx, a.ID, db.CancelSuccess, time.Time{}, s.now())
		if err != nil || !ok {
			return err
		}
		fresh.CancelStatus = db.CancelSuccess
		settled, err = s.settleIn(ctx, q, fresh, nil, payOutcome{status: db.AttemptCancelled, code: antom.CodeOrderIsCanceled}, why+": cancelled at Antom", &f)
		return err
	})
	if err != nil {
		s.log.Error("cancel confirmed", "attempt", a.ID, "err", err)
		return
	}
	if settled {
		s.hub.Publish(s.subjectOf(ctx, a))
	}
	f.run(ctx)
}

// refuseVoid ends a PROCESSING cancel of a SUCCESS attempt (a void)
// that Antom refused with code and message, keeping the refusal for the
// order page (db.RefuseVoid). Nothing asks about the attempt again for it.
func (s *Service) refuseVoid(ctx context.Context, a db.Attempt, code, message string) {
	ok, err := s.db.RefuseVoid(ctx, a.ID, code, message, time.Time{}, s.now())
	if err != nil {
		s.log.Error("refuse void", "attempt", a.ID, "err", err)
	}
	if ok {
		s.hub.Publish(s.subjectOf(ctx, a))
	}
}

// endCancel ends a PROCESSING cancel and sets when to ask again; the
// order's pages hear of it (a void refused: the hold is no longer being
// released).
func (s *Service) endCancel(ctx context.Context, a db.Attempt, status string, next time.Time) {
	ok, err := s.db.SetCancelStatus(ctx, a.ID, status, next, s.now())
	if err != nil {
		s.log.Error("end cancel", "attempt", a.ID, "err", err)
	}
	if ok {
		s.hub.Publish(s.subjectOf(ctx, a))
	}
}
