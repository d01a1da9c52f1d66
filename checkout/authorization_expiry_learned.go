package checkout

import (
	"context"
	"time"

	"antom-checkout/db"
	"antom-checkout/lang"
)

// learnAuthExpiry records authExpires (the authExpiryTime of a
// notification, or of an inquiryPayment answer: learnAuthExpiryFromInquiry)
// on successful attempt a of order o when o is AUTHORIZED (a MANUAL
// authorization waiting for capture; captured, voided or expired, its
// expiry says nothing any more), a is not a surplus attempt (another
// paid the order: a is voided automatically, and the order's
// authorization is not a's) and a's expiry is not known yet: the
// answer that settled it may not have said (API.md §5.2 lists
// authExpiryTime among pay's fields, but a kept card's answer can come
// without it), and without it the reconciler never closes the order
// when the hold lapses (endAuthorizations) and staff see no "capture
// before". What was recorded first stands. from names, for the line, what
// gave it ("it": the notification whose line it is). It returns the words
// of that line, "" when it learned nothing.
func (s *Service) learnAuthExpiry(ctx context.Context, q *db.Queries, a db.Attempt, o db.Order, authExpires time.Time, from string) (string, error) {
	if o.Status != db.OrderAuthorized || a.Status != db.AttemptSuccess || a.Surplus || !a.AuthExpiresAt.IsZero() || authExpires.IsZero() {
		return "", nil
	}
	learned, err := q.LearnAuthExpiry(ctx, a.ID, authExpires, s.now())
	if err != nil || !learned {
		return "", err
	}
	return "the authorization's expiry, which no answer had given before, recorded from " + from + ": capture before " +
		lang.StaffTime(authExpires, storedZone), nil
}
