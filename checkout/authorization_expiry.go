package checkout

import (
	"context"
	"time"

	"antom-checkout/db"
	"antom-checkout/lang"
)

// expiredWords is what staff read when they try to capture or void an
// authorization past its authExpiryTime, or that Antom said expired
// (AUTH_EXPIRED) — expires zero when that time is not known
// (expiredAt): the words then give none.
func expiredWords(expires time.Time, zone *time.Location) string {
	return "The authorization expired" + onTime(expires, zone) +
		" before it was captured: nothing was charged, and it can no longer be captured or voided."
}

// onTime is " on <time>" for staff, "" for a time not known (zero).
func onTime(t time.Time, zone *time.Location) string {
	if t.IsZero() {
		return ""
	}
	return " on " + lang.StaffTime(t, zone)
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
func expiredLine(expires time.Time, why string, zone *time.Location) string {
	return "the authorization expired" + onTime(expires, zone) + why +
		" with nothing captured: nothing was charged, the card's hold lapses; order " + db.OrderExpired
}

// authorizationExpired reports whether attempt a's authorization has
// reached its authExpiryTime at now (false when its expiry is not known).
// Antom refuses a capture from then on (AUTH_EXPIRED, API.md §5.4).
func authorizationExpired(a db.Attempt, now time.Time) bool {
	return !a.AuthExpiresAt.IsZero() && !now.Before(a.AuthExpiresAt)
}

// endAuthorizations closes the orders whose authorization ended
// uncaptured with nothing under way on it (db.AuthorizationsEndedBy: its
// authExpiryTime passed, or Antom refused a capture of it with a code
// that ends it — captureEnds — and settleCapture could not close it
// then, or an earlier version of the app did not): each moves from
// AUTHORIZED to EXPIRED, or to what captureEnds says of the refusal
// (VOIDED for an authorization cancelled at Antom) — final, nothing
// charged — with a line on its timeline, and its open pages hear of it.
// A compare-and-set per order: of several instances at once, one moves
// it and writes the line. Before it says "nothing was charged", it asks
// Antom once, under the attempt's lease, whether the authorization was
// captured outside this app (askBeforeEnding): one inquiryPayment per
// authorization that reached its end, none per page view. A capture
// found is recorded and the order is PAID, not closed; no answer leaves
// it AUTHORIZED until the next ask, after endCheckBackoff's pause.
func (s *Service) endAuthorizations(ctx context.Context) error {
	ended, err := s.db.AuthorizationsEndedBy(ctx, s.now())
	if err != nil {
		return err
	}
	for _, x := range ended {
		var err error
		s.leased(ctx, attemptWork(x.AttemptID), func(ctx context.Context) { err = s.endAuthorization(ctx, x) })
		if err != nil {
			return err
		}
	}
	return nil
}

// endAuthorization closes x, an authorization that ended uncaptured, as
// endAuthorizations says, once Antom shows no capture of it outside this
// app (askBeforeEnding).
func (s *Service) endAuthorization(ctx context.Context, x db.EndedAuthorization) error {
	if end, err := s.askBeforeEnding(ctx, x); err != nil || !end {
		return err
	}
	moved := false
	err := s.db.Tx(ctx, func(q *db.Queries) error {
		var err error
		moved, err = s.endAuthorizationIn(ctx, q, x, "")
		return err
	})
	if err != nil {
		return err
	}
	if moved {
		s.hub.Publish(OrderSubject(x.Ref))
	}
	return nil
}

// endAuthorizationIn closes x, an authorization that ended uncaptured,
// through q: EXPIRED, or what captureEnds says of the refusal that ended
// it, with its line on the timeline — the reconciler's (by ""), or staff
// member by's who closed it having checked Antom Dashboard after the
// asks stopped (CloseAsksStopped). It reports whether it moved the order
// (false: closed, captured or voided meanwhile, or something is under
// way on it).
func (s *Service) endAuthorizationIn(ctx context.Context, q *db.Queries, x db.EndedAuthorization, by string) (bool, error) {
	now, a := s.now(), db.Attempt{AuthExpiresAt: x.AuthExpiresAt}
	// Its known expiry passed, unless Antom said otherwise: it was
	// cancelled, or it expired before the time we hold.
	to, line := db.OrderExpired, expiredLine(x.AuthExpiresAt, "", storedZone)
	if status, ends := captureEnds[x.RefusedWith]; ends && (status != db.OrderExpired || !authorizationExpired(a, now)) {
		to, line = status, endedLine(status, x.RefusedWith, "a capture of it", a, now, storedZone)
	}
	if to == db.OrderVoided {
		full, err := q.AttemptByID(ctx, x.AttemptID)
		if err != nil {
			return false, err
		}
		if buyerLeft(full, to) {
			moved, err := s.cancelledAuthorizationIn(ctx, q, full, db.Order{ID: x.OrderID, Ref: x.Ref}, "Antom refused a capture of it with "+x.RefusedWith)
			if moved && by != "" {
				s.recordBy(ctx, q, OrderSubject(x.Ref), EventStaff, by, closedByStaffWords)
			}
			return moved, err
		}
	}
	moved, err := q.EndAuthorization(ctx, x.OrderID, to, now)
	if err != nil || !moved {
		return false, err
	}
	if by == "" {
		s.record(ctx, q, OrderSubject(x.Ref), EventReconciler, line)
	} else {
		s.recordBy(ctx, q, OrderSubject(x.Ref), EventStaff, by, closedByStaffWords+": "+line)
	}
	return true, nil
}
