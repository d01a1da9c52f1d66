package checkout

import (
	"context"
	"fmt"

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
// under way when it succeeded, for up to lateWatch after it started:
// CANCELLED means the cancel took effect (paidCancelIn); past the watch
// the payment stands.
func (s *Service) watchCancelDoubt(ctx context.Context, a db.Attempt, why string) {
	subject := s.subjectOf(ctx, a)
	if s.now().After(a.CreatedAt.Add(lateWatch)) {
		if _, err := s.db.EndCancelDoubt(ctx, a.ID, db.CancelFail, s.now()); err != nil {
			s.log.Error("end cancel doubt", "attempt", a.ID, "err", err)
		}
		s.record(ctx, nil, subject, EventReconciler, "our cancel of "+a.PaymentRequestID+" did not take effect within a day: the payment stands")
		return
	}
	resp, err := s.antom.InquiryPayment(withSubject(ctx, subject), &antom.InquiryPaymentRequest{PaymentRequestID: a.PaymentRequestID})
	if err == nil && s.applyInquiry(ctx, a, resp, why+": our cancel was under way when it succeeded") {
		return
	}
	s.scheduleCheck(ctx, a, min(firstWatch<<min(a.Checks, 8), maxWatchPause))
}

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
//   - an authorization nothing captured is voided: the buyer's funds are
//     released, the order (unless the attempt is surplus) is VOIDED;
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
