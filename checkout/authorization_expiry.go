package checkout

import (
	"context"
	"time"

	"antom-checkout/db"
)

// staffTime is how what staff read writes a time: as the admin pages do
// (views.AdminTime), in UTC.
const staffTime = "2 Jan 2006 15:04:05 UTC"

// expiredWords is what staff read when they try to capture or void an
// authorization past its authExpiryTime.
func expiredWords(expires time.Time) string {
	return "The authorization expired on " + expires.UTC().Format(staffTime) +
		" before it was captured: nothing was charged, and it can no longer be captured or voided."
}

// authorizationExpired reports whether attempt a's authorization has
// reached its authExpiryTime at now (false when its expiry is not known).
// Antom refuses a capture from then on (AUTH_EXPIRED, API.md §5.4).
func authorizationExpired(a db.Attempt, now time.Time) bool {
	return !a.AuthExpiresAt.IsZero() && !now.Before(a.AuthExpiresAt)
}

// expireAuthorizations closes the orders whose authorization expired
// uncaptured with nothing under way on it (db.AuthorizationsExpiredBy):
// each moves from AUTHORIZED to EXPIRED — final, nothing charged — with a
// line on its timeline, and its open pages hear of it. A compare-and-set
// per order: of several instances at once, one moves it and writes the
// line. No call to Antom: the authorization lapses there by itself.
func (s *Service) expireAuthorizations(ctx context.Context) error {
	expired, err := s.db.AuthorizationsExpiredBy(ctx, s.now())
	if err != nil {
		return err
	}
	for _, x := range expired {
		moved := false
		err := s.db.Tx(ctx, func(q *db.Queries) error {
			var err error
			if moved, err = q.ExpireAuthorization(ctx, x.OrderID, s.now()); err != nil || !moved {
				return err
			}
			s.record(ctx, q, OrderSubject(x.Ref), EventReconciler, "the authorization expired on "+
				x.AuthExpiresAt.UTC().Format(staffTime)+" with nothing captured: nothing was charged, the card's hold lapses; order "+db.OrderExpired)
			return nil
		})
		if err != nil {
			return err
		}
		if moved {
			s.hub.Publish(OrderSubject(x.Ref))
		}
	}
	return nil
}
