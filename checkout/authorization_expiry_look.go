package checkout

import (
	"context"
	"errors"
	"fmt"
	"time"

	"antom-checkout/antom"
	"antom-checkout/db"
	"antom-checkout/lang"
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
// keep to it), once a day after the first day, and they stop
// authExpiryLookFor after it succeeded (authorization_expiry_look_bound.go).
// The looks end once the expiry is known, the order is no longer
// AUTHORIZED (captured, voided, expired), an answer says the payment is
// FAIL or CANCELLED (endAuthExpiryLooks), or we stop them. Authorizations other
// work asks Antom about (a capture PROCESSING, a cancel in doubt or under
// way) are left to it.
func (s *Service) lookForAuthExpiries(ctx context.Context) error {
	now := s.now()
	due, err := s.db.AuthExpiriesToLook(ctx, now.Add(-authExpiryLookAfter), now)
	if err != nil {
		return err
	}
	for _, l := range due {
		s.leased(ctx, attemptWork(l.Attempt.ID), func(ctx context.Context) { s.lookForAuthExpiry(ctx, l.Attempt.ID) })
	}
	return nil
}

// lookForAuthExpiry asks Antom for the authExpiryTime of attempt id's
// authorization, under the attempt's lease, if its look is still due
// then (another instance may have just looked, or the expiry become
// known). An answer that says the payment is FAIL or CANCELLED ends the
// looks (endAuthExpiryLooks): Antom gives no expiry of a payment it does
// not hold as SUCCESS.
func (s *Service) lookForAuthExpiry(ctx context.Context, id int64) {
	now := s.now()
	l, err := s.db.AuthExpiryLookDue(ctx, id, now.Add(-authExpiryLookAfter), now)
	if err != nil {
		if !errors.Is(err, db.ErrNotFound) {
			s.log.Error("auth expiry look", "attempt", id, "err", err)
		}
		return
	}
	subject := OrderSubject(l.Ref)
	resp, err := s.antom.InquiryPayment(withSubject(ctx, subject), &antom.InquiryPaymentRequest{PaymentRequestID: l.Attempt.PaymentRequestID})
	switch {
	case err != nil:
		s.authExpiryUnanswered(ctx, l, subject, unknownWhy(err))
	case resp.PaymentStatus == antom.PaymentFail || resp.PaymentStatus == antom.PaymentCancelled:
		s.endAuthExpiryLooks(ctx, l, subject, resp.PaymentStatus)
	default:
		learned, err := s.learnAuthExpiryFromInquiry(ctx, l.Attempt, resp)
		if !learned {
			s.authExpiryUnanswered(ctx, l, subject, authExpiryMissing(l.Attempt, resp, err))
		}
	}
}

// authExpiryMissing says, for the timeline, why a look whose call was
// answered (r) learnt no expiry: what the answer said instead, or that
// recording the expiry it gave failed (err, a database error).
func authExpiryMissing(a db.Attempt, r *antom.InquiryPaymentResponse, err error) string {
	switch {
	case err != nil:
		return " (recording the authExpiryTime inquiryPayment gave failed: a database error)"
	case r.PaymentStatus != antom.PaymentSuccess:
		return " (inquiryPayment says " + r.PaymentStatus + ")"
	case !sameAmount(r.PaymentAmount, a.Currency, a.Amount):
		return " (inquiryPayment says SUCCESS for another amount; left for staff)"
	case r.AuthExpiryTime == "":
		return " (inquiryPayment's answer gave no authExpiryTime)"
	case parseAntomTime(r.AuthExpiryTime).IsZero():
		return " (inquiryPayment's answer gave an authExpiryTime we cannot read: " + r.AuthExpiryTime + ")"
	}
	// The authorization was captured, voided or given its expiry while
	// the call ran: authExpiryUnanswered's update finds it no longer
	// open, and writes nothing.
	return " (the authorization was settled while inquiryPayment ran)"
}

// endAuthExpiryLooks ends the looks for l's authExpiryTime, as status
// (FAIL, CANCELLED), inquiryPayment's answer, said — kept with the
// attempt (db.EndAuthExpiryLook), so every instance and a restart keep to
// it, and staff's order page says so — with a line, in one transaction,
// while the look is still open, and wakes the order's pages. The order
// is left AUTHORIZED: a capture or a void settles it (a capture Antom
// refuses AUTH_CANCELLED closes it as cancelled at Antom: captureEnds).
func (s *Service) endAuthExpiryLooks(ctx context.Context, l db.AuthExpiryLook, subject, status string) {
	line := "the authorization's expiry (authExpiryTime) is not known, and inquiryPayment says the payment is " + status +
		": no more looks for it; a capture or a void will settle the order (a capture Antom refuses as cancelled closes it)"
	now := s.now()
	if s.recordWhileOpen(ctx, subject, EventReconciler, line, func(ctx context.Context, q *db.Queries) (bool, error) {
		return q.EndAuthExpiryLook(ctx, l.Attempt.ID, l.Looks, status, now)
	}) {
		s.hub.Publish(subject) // staff's order page says so now
	}
}

// authExpiryUnanswered counts a look for l's authExpiryTime that learnt
// none (why: authExpiryMissing) and sets the next (authExpiryNextLook:
// authExpiryBackoff's pause for the first day, then a day), with a line —
// in one transaction, only while the look is still open
// (db.RetryAuthExpiryLookAt: not once a capture or void settled the order
// while the call ran) — on the first look, on each step while the pause
// grows, and on the first once-a-day look; looks at the hour's cap and
// the later daily ones write none (their calls are on the timeline).
// Once authExpiryLookFor has passed since the authorization, the looks
// stop instead (stopAuthExpiryLooks).
func (s *Service) authExpiryUnanswered(ctx context.Context, l db.AuthExpiryLook, subject, why string) {
	n := l.Looks + 1
	now := s.now()
	next, daily, stop := s.authExpiryNextLook(l, n, now)
	if stop {
		s.stopAuthExpiryLooks(ctx, l, subject, why, n, now)
		return
	}
	until := " until " + lang.StaffTime(l.Attempt.PaidAt.Add(s.scaled(authExpiryLookFor)), storedZone)
	write := n == 1 || (!daily && !authExpiryBackoff.capped(n-1)) || (daily && s.firstDailyLook(l, now))
	line := "the authorization's expiry (authExpiryTime) is not known yet" + why
	if n > 1 {
		line = "the authorization's expiry (authExpiryTime) still not known after " + fmt.Sprint(n) + " looks" + why
	}
	switch pause := s.pause(authExpiryBackoff, n); {
	case daily:
		line += "; asking again once a day" + until + " while it is authorized, then no more"
	case authExpiryBackoff.capped(n):
		line += "; asking again every " + pauseWords(pause) + " for a day, then once a day" + until + " while it is authorized"
	default:
		line += "; asking again in " + pauseWords(pause)
	}
	s.recordWhileOpen(ctx, subject, EventReconciler, line, func(ctx context.Context, q *db.Queries) (bool, error) {
		counted, err := q.RetryAuthExpiryLookAt(ctx, l.Attempt.ID, l.Looks, next, now)
		return counted && write, err
	})
}
