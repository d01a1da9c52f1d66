package checkout

import (
	"context"

	"antom-checkout/antom"
	"antom-checkout/db"
)

// learnAuthExpiryFromInquiry records the authExpiryTime of r, an
// inquiryPayment answer about attempt a (API.md §5.3: a card
// authorization's answer carries it), by learnAuthExpiry's rule — only on
// an AUTHORIZED order whose SUCCESS attempt's expiry is not known yet;
// what was recorded first stands — in a transaction of its own that reads
// the attempt and its order afresh, with a line on the order's timeline
// saying it was learned from inquiryPayment, and wakes the order's pages.
// An answer that is not SUCCESS for a's amount, or gives no
// authExpiryTime, records nothing, as does one about an attempt that is
// not a MANUAL authorization (asked nothing of the database). It reports
// whether it recorded the expiry; a database error is logged, and
// returned.
func (s *Service) learnAuthExpiryFromInquiry(ctx context.Context, a db.Attempt, r *antom.InquiryPaymentResponse) (bool, error) {
	expires := parseAntomTime(r.AuthExpiryTime)
	if a.CaptureMode != antom.CaptureManual || r.PaymentStatus != antom.PaymentSuccess || expires.IsZero() ||
		!sameAmount(r.PaymentAmount, a.Currency, a.Amount) {
		return false, nil
	}
	var subject string
	learned := false
	err := s.db.Tx(ctx, func(q *db.Queries) error {
		learned = false
		fresh, o, err := q.AttemptAndOrderByRequestID(ctx, a.PaymentRequestID)
		if err != nil {
			return err
		}
		line, err := s.learnAuthExpiry(ctx, q, fresh, o, expires, "inquiryPayment's answer")
		if err != nil || line == "" {
			return err
		}
		subject, learned = OrderSubject(o.Ref), true
		s.record(ctx, q, subject, outcomeKind(ctx), line)
		return nil
	})
	if err != nil {
		s.log.Error("learn auth expiry", "attempt", a.ID, "err", err)
		return false, err
	}
	if learned {
		s.hub.Publish(subject)
	}
	return learned, nil
}
