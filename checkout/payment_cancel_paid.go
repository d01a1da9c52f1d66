package checkout

import (
	"context"
	"errors"
	"fmt"
	"time"

	"antom-checkout/antom"
	"antom-checkout/db"
)

// States of a paid attempt whose cancel matters, in paymentInquiryRules
// (and stateCancelledPaid in the notification tables).
const (
	// stateSuccessCancelInDoubt: Antom said SUCCESS while a cancel of ours
	// was under way; the cancel may still have taken effect.
	stateSuccessCancelInDoubt = "SUCCESS (cancel in doubt)"
	// stateCancelledPaid: Antom confirmed our cancel after the payment had
	// succeeded: cancelling a paid payment gives the buyer the money back
	// (API.md §5.5).
	stateCancelledPaid = "CANCELLED (after payment)"
)

// cancelledPaid is the reason of the cells where our cancel took effect
// on a payment that had succeeded.
const cancelledPaid = "our cancel took effect after the payment had succeeded: the money went back to the buyer"

// inquiryState names an attempt's state for paymentInquiryRules: as
// attemptState, and a SUCCESS whose cancel is in doubt.
func inquiryState(a db.Attempt) string {
	if a.Status == db.AttemptSuccess && a.CancelStatus == db.CancelInDoubt {
		return stateSuccessCancelInDoubt
	}
	return attemptState(a)
}

// watchCancelDoubt asks Antom about a SUCCESS attempt whose cancel was
// under way when it succeeded: CANCELLED means the cancel took effect
// (paidCancelIn); SUCCESS once cancelLandsWithin has passed since the
// first watch it answered SUCCESS means it did not, and the payment stands. A doubt Antom
// leaves unanswered is watched for up to lateWatch after the attempt
// started.
func (s *Service) watchCancelDoubt(ctx context.Context, a db.Attempt, why string) {
	subject := s.subjectOf(ctx, a)
	if s.now().After(a.CreatedAt.Add(lateWatch)) {
		if ended, err := s.db.EndCancelDoubt(ctx, a.ID, db.CancelFail, s.now()); err != nil {
			s.log.Error("end cancel doubt", "attempt", a.ID, "err", err)
		} else if ended {
			s.hub.Publish(subject) // the buyer's page stops waiting: paid
		}
		s.record(ctx, nil, subject, EventReconciler, "our cancel of "+a.PaymentRequestID+" did not take effect within a day: the payment stands")
		return
	}
	resp, err := s.antom.InquiryPayment(withSubject(ctx, subject), &antom.InquiryPaymentRequest{PaymentRequestID: a.PaymentRequestID})
	if err == nil && s.applyInquiry(ctx, a, resp, why+": our cancel was under way when it succeeded") {
		return
	}
	if err == nil && resp.PaymentStatus == antom.PaymentSuccess && sameAmount(resp.PaymentAmount, a.Currency, a.Amount) {
		s.endDoubtOnceNoSendCanLand(ctx, a, subject)
		return
	}
	s.scheduleCheck(ctx, a, min(firstWatch<<min(a.Checks, 8), maxWatchPause))
}

// endDoubtOnceNoSendCanLand ends the doubt of a cancel of ours on a
// payment Antom has just said is SUCCESS, once cancelLandsWithin has
// passed since the first such answer; until then it asks again at that
// time.
func (s *Service) endDoubtOnceNoSendCanLand(ctx context.Context, a db.Attempt, subject string) {
	since, err := s.db.CancelDoubtSince(ctx, a.ID, s.now())
	if errors.Is(err, db.ErrNotFound) {
		return // no longer in doubt
	}
	if err != nil {
		s.log.Error("cancel doubt since", "attempt", a.ID, "err", err)
		s.scheduleCheck(ctx, a, firstWatch)
		return
	}
	if wait := since.Add(cancelLandsWithin).Sub(s.now()); wait > 0 {
		s.scheduleCheck(ctx, a, wait) // ask once more when no send of ours can still be under way
		return
	}
	if ended, err := s.db.EndCancelDoubt(ctx, a.ID, db.CancelFail, s.now()); err != nil {
		s.log.Error("end cancel doubt", "attempt", a.ID, "err", err)
	} else if ended {
		s.record(ctx, nil, subject, EventReconciler, "our cancel of "+a.PaymentRequestID+
			" did not take effect: Antom still has the payment as SUCCESS over "+cancelLandsWithin.String()+
			" after it succeeded with the cancel unanswered; the payment stands and the cancel is not sent again")
		s.hub.Publish(subject) // the buyer's page stops waiting: paid
	}
}

// cancelLandsWithin bounds how long after a cancel of ours went in doubt
// a send of it can still be under way and take effect: a send is at most
// cancelTries calls, each given up after the client's 30 s, and Antom's
// cancel is synchronous (API.md §5.5). It is counted from the first watch
// Antom answered SUCCESS (db.CancelDoubtSince), never earlier than the
// doubt began. Past it, Antom still answering SUCCESS means no cancel of
// ours took effect: the doubt ends, the payment stands.
const cancelLandsWithin = 2 * time.Minute

// paidCancelNow applies, in a transaction of its own, Antom's word that a
// cancel of ours took effect on a SUCCESS attempt (paidCancelIn).
func (s *Service) paidCancelNow(ctx context.Context, a db.Attempt, why string) bool {
	var done bool
	err := s.db.Tx(ctx, func(q *db.Queries) error {
		fresh, err := q.AttemptByID(ctx, a.ID)
		if err != nil {
			return err
		}
		done, err = s.paidCancelIn(ctx, q, fresh, why)
		return err
	})
	if err != nil {
		s.log.Error("paid attempt cancelled", "attempt", a.ID, "err", err)
		return false
	}
	if done {
		s.hub.Publish(s.subjectOf(ctx, a))
	}
	return done
}

// paidCancelIn applies Antom's word (a cancel answered S, or
// inquiryPayment CANCELLED) that our cancel took effect on an attempt
// that is SUCCESS here, inside the caller's transaction (API.md §5.5):
//   - an authorization nothing captured that our cancel was sent to void
//     (staff's void, or a surplus authorization's) is voided: the buyer's
//     funds are released, the order (unless the attempt is surplus) is
//     VOIDED; a surplus authorization stays voided whatever the cancel;
//   - an authorization nothing captured that our cancel was sent to stop
//     while it was still open (the buyer chose to pay another way, or its
//     card page was closed), and that succeeded before the cancel reached
//     it (the cancel IN_DOUBT), is released (cancelledAuthorizationIn):
//     the order is OPEN again, to be paid another way;
//   - anything else was paid and is given back by the cancel: the attempt
//     is CANCELLED after payment and the order (unless surplus) is OPEN
//     again, with nothing left to refund.
//
// It reports whether this call changed anything.
func (s *Service) paidCancelIn(ctx context.Context, q *db.Queries, a db.Attempt, why string) (bool, error) {
	if a.Status != db.AttemptSuccess {
		return false, nil
	}
	o, err := q.OrderByID(ctx, a.OrderID)
	if err != nil {
		return false, err
	}
	captured, err := paidAmount(ctx, q, a)
	if err != nil {
		return false, err
	}
	now, subject := s.now(), OrderSubject(o.Ref)
	if a.CaptureMode == antom.CaptureManual && captured == 0 && a.CancelStatus == db.CancelInDoubt && !a.Surplus {
		return s.cancelledAuthorizationIn(ctx, q, a, o, why)
	}
	if a.CaptureMode == antom.CaptureManual && captured == 0 {
		ok, err := q.EndCancelDoubt(ctx, a.ID, db.CancelSuccess, now)
		if err != nil || !ok {
			return false, err
		}
		if a.Surplus {
			s.record(ctx, q, subject, EventState, a.PaymentRequestID+": surplus authorization voided at Antom")
			return true, nil
		}
		detail := a.PaymentRequestID + ": authorization voided at Antom (" + why + "); the buyer's funds are released"
		if moved, err := q.SetOrderStatus(ctx, o.ID, db.OrderAuthorized, db.OrderVoided, now); err != nil {
			return false, err
		} else if moved {
			detail += "; order " + db.OrderVoided
		}
		s.record(ctx, q, subject, EventState, detail)
		return true, nil
	}
	ok, err := q.CancelPaidAttempt(ctx, a.ID, now)
	if err != nil || !ok {
		return false, err
	}
	detail := fmt.Sprintf("%s CANCELLED after payment (%s): %s: %s went back to the buyer",
		a.PaymentRequestID, antom.CodeOrderIsCanceled, why, Money{a.Currency, captured})
	if !a.Surplus {
		for _, from := range []string{db.OrderPaid, db.OrderAuthorized} {
			moved, err := q.SetOrderStatus(ctx, o.ID, from, db.OrderOpen, now)
			if err != nil {
				return false, err
			}
			if moved {
				detail += "; order " + db.OrderOpen + ": nothing is paid"
			}
		}
	}
	s.record(ctx, q, subject, EventState, detail)
	return true, nil
}

// paidBeforeCancel is the reason of the cells where Antom's word that a
// payment was paid comes after it confirmed our cancel of it.
const paidBeforeCancel = "paid before our cancel reached it: the cancel gave the money back to the buyer"

// paidBeforeCancelIn applies, inside the caller's transaction, Antom's
// word that an attempt whose cancel it had confirmed (CANCELLED, no paid
// time) was paid before the cancel reached it: its SUCCESS
// (PAYMENT_RESULT), or its automatic capture, came after the cancel's
// answer. Cancelling a paid payment gives the buyer the money back
// (API.md §5.5), so the attempt ends as when the SUCCESS comes first
// (paidCancelIn): CANCELLED after payment, paid at res.paidAt (now if
// zero). The order is left as it is: this attempt never paid it, and
// nothing is refunded or cancelled again — Antom reversed the payment
// already. The card facts are recorded (and the card kept, if the buyer
// asked) as for a SUCCESS. An authorization (MANUAL capture) our cancel
// voided took no money: it is left CANCELLED. It reports whether this
// call changed anything.
func (s *Service) paidBeforeCancelIn(ctx context.Context, q *db.Queries, a db.Attempt, o db.Order, res payOutcome, why string, f *followUps) (bool, error) {
	if a.Status != db.AttemptCancelled || a.FinalSource != db.SourceAntom || !a.PaidAt.IsZero() || a.CaptureMode == antom.CaptureManual {
		return false, nil
	}
	now := s.now()
	paidAt := res.paidAt
	if paidAt.IsZero() {
		paidAt = now
	}
	ok, err := q.PaidBeforeCancel(ctx, a.ID, paidAt, res.paymentID, now)
	if err != nil || !ok {
		return false, err
	}
	if a.PaymentID == "" && res.paymentID != "" {
		s.reapplyWhenKnown(a, res.paymentID, f)
	}
	if a.Method == db.MethodCard {
		res.status = db.AttemptSuccess
		if err := s.recordCard(ctx, q, a, o, res); err != nil {
			return false, err
		}
	}
	s.record(ctx, q, OrderSubject(o.Ref), EventState, fmt.Sprintf("%s CANCELLED after payment (%s): %s: %s went back to the buyer",
		a.PaymentRequestID, antom.CodeOrderIsCanceled, why, Money{a.Currency, paidOf(a, 0)}))
	return true, nil
}

// applyPaidBeforeCancel carries out a cell of a notification table that
// takes a cancelled attempt to stateCancelledPaid (paidBeforeCancelIn).
// An authorization our cancel voided is stale: no money was taken.
func (s *Service) applyPaidBeforeCancel(ctx context.Context, q *db.Queries, a db.Attempt, o db.Order, r rule, res payOutcome, why string) (outcome, error) {
	subject := OrderSubject(o.Ref)
	if a.CaptureMode == antom.CaptureManual {
		return outcome{verdict: VerdictStale, subject: subject,
			detail: "an authorization our cancel voided: no money was taken and the buyer's funds are released"}, nil
	}
	var f followUps
	changed, err := s.paidBeforeCancelIn(ctx, q, a, o, res, why+": Antom says it was paid before our cancel reached it", &f)
	if err != nil {
		return outcome{}, err
	}
	if !changed {
		return outcome{verdict: VerdictDuplicate, subject: subject, detail: "the attempt changed meanwhile"}, nil
	}
	return outcome{verdict: r.verdict, detail: r.reason, subject: subject, after: func(ctx context.Context) {
		s.hub.Publish(subject)
		f.run(ctx)
	}}, nil
}

// capturedBeforeCancelIn, for an attempt just settled CANCELLED as Antom
// says, inside the caller's transaction: an automatic capture of it
// recorded before (its CAPTURE_RESULT came first) shows it was paid
// before our cancel reached it (paidBeforeCancelIn). It reports whether
// this call changed anything.
func (s *Service) capturedBeforeCancelIn(ctx context.Context, q *db.Queries, id int64, o db.Order, f *followUps) (bool, error) {
	cs, err := q.AutomaticCaptures(ctx, id)
	if err != nil || len(cs) == 0 {
		return false, err
	}
	a, err := q.AttemptByID(ctx, id)
	if err != nil {
		return false, err
	}
	return s.paidBeforeCancelIn(ctx, q, a, o, payOutcome{paidAt: cs[0].CreatedAt},
		"Antom had captured it ("+cs[0].CaptureID+") before our cancel reached it", f)
}
