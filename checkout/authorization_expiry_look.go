package checkout

import (
	"context"
	"errors"
	"fmt"
	"time"

	"antom-checkout/antom"
	"antom-checkout/db"
)

// authExpiryLookAfter is how long after a MANUAL authorization succeeded
// the reconciler first asks Antom for its authExpiryTime when no answer
// gave it: by then the notification that follows the payment, sent at
// once and again 2 minutes later when it was not acknowledged (API.md
// §6.1), has had its chance to bring it (learnAuthExpiry).
const authExpiryLookAfter = 3 * time.Minute

// lookForAuthExpiries is the reconciler's pass over the open MANUAL
// authorizations whose authExpiryTime is still not known
// authExpiryLookAfter after they succeeded (db.AuthExpiriesToLook):
// without it the order is never closed when the hold lapses
// (endAuthorizations) and staff see no "capture before". Each is asked
// about (inquiryPayment, API.md §5.3), under its attempt's lease, and the
// expiry its answer gives is recorded (learnAuthExpiryFromInquiry); an
// answer without one, or none, puts the next look off by
// authExpiryBackoff (kept with the attempt: every instance and a restart
// keep to it). The looks end once the expiry is known or the order is no
// longer AUTHORIZED (captured, voided, expired).
func (s *Service) lookForAuthExpiries(ctx context.Context) error {
	now := s.now()
	due, err := s.db.AuthExpiriesToLook(ctx, now.Add(-authExpiryLookAfter), now)
	if err != nil {
		return err
	}
	for _, l := range due {
		s.leased(ctx, attemptWork(l.AttemptID), func(ctx context.Context) { s.lookForAuthExpiry(ctx, l.AttemptID) })
	}
	return nil
}

// lookForAuthExpiry asks Antom for the authExpiryTime of attempt id's
// authorization, under the attempt's lease, if its look is still due
// then (another instance may have just looked, or the expiry become
// known).
func (s *Service) lookForAuthExpiry(ctx context.Context, id int64) {
	now := s.now()
	l, err := s.db.AuthExpiryLookDue(ctx, id, now.Add(-authExpiryLookAfter), now)
	if err != nil {
		if !errors.Is(err, db.ErrNotFound) {
			s.log.Error("auth expiry look", "attempt", id, "err", err)
		}
		return
	}
	a, err := s.db.AttemptByID(ctx, id)
	if err != nil {
		s.log.Error("read attempt", "attempt", id, "err", err)
		return
	}
	subject := OrderSubject(l.Ref)
	resp, err := s.antom.InquiryPayment(withSubject(ctx, subject), &antom.InquiryPaymentRequest{PaymentRequestID: a.PaymentRequestID})
	if err == nil && s.learnAuthExpiryFromInquiry(ctx, a, resp) {
		return
	}
	s.authExpiryUnanswered(ctx, l, subject, authExpiryMissing(resp, err))
}

// authExpiryMissing says, for the timeline, why a look learnt no expiry:
// the call's error (unknownWhy), or what Antom's answer said instead.
func authExpiryMissing(r *antom.InquiryPaymentResponse, err error) string {
	switch {
	case err != nil:
		return unknownWhy(err)
	case r.PaymentStatus != antom.PaymentSuccess:
		return " (inquiryPayment says " + r.PaymentStatus + ")"
	case r.AuthExpiryTime == "":
		return " (inquiryPayment's answer gave no authExpiryTime)"
	}
	return " (inquiryPayment's answer gave " + r.AuthExpiryTime + ", not recorded)"
}

// authExpiryUnanswered counts a look for l's authExpiryTime that learnt
// none (why: authExpiryMissing) and sets the next after
// authExpiryBackoff's pause, with a line — in one transaction, only while
// the expiry is still not known — on the first look and on each step
// while the pause grows; looks at the capped pause write none (their
// calls are on the timeline).
func (s *Service) authExpiryUnanswered(ctx context.Context, l db.AuthExpiryLook, subject, why string) {
	n := l.Looks + 1
	pause := s.pause(authExpiryBackoff, n)
	write := n == 1 || !authExpiryBackoff.capped(n-1)
	line := "the authorization's expiry (authExpiryTime) is not known yet" + why
	if n > 1 {
		line = "the authorization's expiry (authExpiryTime) still not known after " + fmt.Sprint(n) + " looks" + why
	}
	if authExpiryBackoff.capped(n) {
		line += "; asking again every " + pauseWords(pause) + " while it is authorized"
	} else {
		line += "; asking again in " + pauseWords(pause)
	}
	now := s.now()
	s.recordWhileOpen(ctx, subject, EventReconciler, line, func(ctx context.Context, q *db.Queries) (bool, error) {
		counted, err := q.RetryAuthExpiryLookAt(ctx, l.AttemptID, l.Looks, now.Add(pause), now)
		return counted && write, err
	})
}
