package checkout

import (
	"context"
	"time"

	"antom-checkout/antom"
	"antom-checkout/db"
)

// staffTime is how what staff read writes a time: as the admin pages do
// (views.AdminTime), in UTC.
const staffTime = "2 Jan 2006 15:04:05 UTC"

// expiredWords is what staff read when they try to capture or void an
// authorization past its authExpiryTime, or that Antom said expired
// (AUTH_EXPIRED) — expires zero when that time is not known
// (expiredAt): the words then give none.
func expiredWords(expires time.Time) string {
	return "The authorization expired" + onTime(expires) +
		" before it was captured: nothing was charged, and it can no longer be captured or voided."
}

// onTime is " on <time>" for staff, "" for a time not known (zero).
func onTime(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return " on " + t.UTC().Format(staffTime)
}

// expiredAt is when attempt a's authorization expired, as far as we know
// at now: its authExpiryTime once reached; zero when it is not known, or
// not reached by our clock although Antom said it expired (a capture
// refused AUTH_EXPIRED, whose resultMessage is Antom's words, not a time
// we parse).
func expiredAt(a db.Attempt, now time.Time) time.Time {
	if authorizationExpired(a, now) {
		return a.AuthExpiresAt
	}
	return time.Time{}
}

// expiredLine is the timeline line of an order closed as EXPIRED: its
// authorization expired (on expires; zero: not known) with nothing
// captured, how we learnt it (why, "" for its known time passing).
func expiredLine(expires time.Time, why string) string {
	return "the authorization expired" + onTime(expires) + why +
		" with nothing captured: nothing was charged, the card's hold lapses; order " + db.OrderExpired
}

// authorizationExpired reports whether attempt a's authorization has
// reached its authExpiryTime at now (false when its expiry is not known).
// Antom refuses a capture from then on (AUTH_EXPIRED, API.md §5.4).
func authorizationExpired(a db.Attempt, now time.Time) bool {
	return !a.AuthExpiresAt.IsZero() && !now.Before(a.AuthExpiresAt)
}

// expireAuthorizations closes the orders whose authorization expired
// uncaptured with nothing under way on it (db.AuthorizationsExpiredBy:
// its authExpiryTime passed, or Antom refused a capture of it with
// AUTH_EXPIRED and settleCapture could not close it then):
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
			expires, why := x.AuthExpiresAt, ""
			if expires.IsZero() || expires.After(s.now()) {
				expires, why = time.Time{}, " (Antom refused a capture of it: "+antom.CodeAuthExpired+")"
			}
			s.record(ctx, q, OrderSubject(x.Ref), EventReconciler, expiredLine(expires, why))
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

// expireRefused closes, within q (settleCapture's transaction), order o
// whose capture c Antom refused with AUTH_EXPIRED — a definite answer
// (API.md §5.4) that the authorization expired, its authExpiryTime known
// to us or not: the order moves from AUTHORIZED to EXPIRED as
// expireAuthorizations moves it, with a line on its timeline. Nothing is
// sent to Antom. The caller wakes the order's pages once committed.
// moved is false when the order was not AUTHORIZED with nothing else
// under way on it (db.ExpireAuthorization); the reconciler then closes it
// once nothing is (expireAuthorizations).
func (s *Service) expireRefused(ctx context.Context, q *db.Queries, o db.Order, c db.Capture) (moved bool, err error) {
	a, err := q.AttemptByID(ctx, c.AttemptID)
	if err != nil {
		return false, err
	}
	if moved, err = q.ExpireAuthorization(ctx, o.ID, s.now()); err != nil || !moved {
		return false, err
	}
	s.record(ctx, q, OrderSubject(o.Ref), EventState, expiredLine(expiredAt(a, s.now()),
		" (Antom refused capture "+c.CaptureRequestID+": "+antom.CodeAuthExpired+")"))
	return true, nil
}
