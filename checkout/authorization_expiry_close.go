package checkout

import (
	"context"
	"errors"
	"time"

	"antom-checkout/db"
)

// closedByStaffWords begin the timeline line of an authorization staff
// closed after the reconciler stopped asking Antom whether it was
// captured outside this app (CloseAsksStopped); the line names who.
const closedByStaffWords = "closed by staff after the reconciler stopped asking Antom: they checked Antom Dashboard and nothing was captured"

// AsksStopped is an order whose authorization ended uncaptured and
// whose asks of Antom stopped (stopEndChecks), as the confirmation of
// its close shows it.
type AsksStopped struct {
	Ref        string
	Authorized Money
	// AuthorizedAt is when the authorization succeeded; ExpiresAt its
	// authExpiryTime (zero when not known); StoppedAt when the asks of
	// Antom stopped.
	AuthorizedAt, ExpiresAt, StoppedAt time.Time
}

// ClosableAsksStopped checks that order ref is an authorization that
// ended uncaptured, with nothing under way on it, whose asks of Antom
// stopped (db.AsksStoppedAuthorization) — one staff may close
// (CloseAsksStopped) — for the confirmation: ErrNotFound for an order
// not known; a *ConflictError (asksStoppedRefusal) when it is not that.
func (s *Service) ClosableAsksStopped(ctx context.Context, ref string) (AsksStopped, error) {
	o, err := s.db.OrderByRef(ctx, ref)
	if errors.Is(err, db.ErrNotFound) {
		return AsksStopped{}, ErrNotFound
	}
	if err != nil {
		return AsksStopped{}, err
	}
	x, err := s.db.AsksStoppedAuthorization(ctx, o.ID, s.now())
	if errors.Is(err, db.ErrNotFound) {
		return AsksStopped{}, asksStoppedRefusal(ref)
	}
	if err != nil {
		return AsksStopped{}, err
	}
	a, err := s.db.AttemptByID(ctx, x.AttemptID)
	if err != nil {
		return AsksStopped{}, err
	}
	return AsksStopped{Ref: ref, Authorized: Money{a.Currency, a.Amount}, AuthorizedAt: a.PaidAt, ExpiresAt: a.AuthExpiresAt,
		StoppedAt: a.EndChecksStoppedAt}, nil
}

// CloseAsksStopped closes order ref for actor (staff, who checked the
// payment in Antom Dashboard and found nothing captured), an
// authorization that ended uncaptured and whose asks of Antom stopped
// (stopEndChecks): as the reconciler would have closed it had Antom
// answered (endAuthorizationIn) — EXPIRED, nothing charged, or VOIDED
// when Antom had refused a capture of it as cancelled; the buyer's page
// says what it says of such an authorization — with a line on the
// timeline naming actor, in one transaction. closedAs is the order's
// status then (db.OrderExpired or db.OrderVoided). Errors as
// ClosableAsksStopped, checked again in the transaction: of two staff at
// once, one closes it and the other is refused, nothing changed.
func (s *Service) CloseAsksStopped(ctx context.Context, actor, ref string) (closedAs string, err error) {
	o, err := s.db.OrderByRef(ctx, ref)
	if errors.Is(err, db.ErrNotFound) {
		return "", ErrNotFound
	}
	if err != nil {
		return "", err
	}
	err = s.db.Tx(ctx, func(q *db.Queries) error {
		x, err := q.AsksStoppedAuthorization(ctx, o.ID, s.now())
		if errors.Is(err, db.ErrNotFound) {
			return asksStoppedRefusal(ref)
		}
		if err != nil {
			return err
		}
		moved, err := s.endAuthorizationIn(ctx, q, x, actor)
		if err == nil && !moved {
			err = asksStoppedRefusal(ref)
		}
		return err
	})
	if err != nil {
		return "", err
	}
	s.hub.Publish(OrderSubject(ref))
	if o, err = s.db.OrderByRef(ctx, ref); err != nil {
		return "", err
	}
	return o.Status, nil
}

// asksStoppedRefusal refuses to close order ref that is no longer an
// authorization whose asks of Antom stopped.
func asksStoppedRefusal(ref string) error {
	return &ConflictError{Message: "Order " + ref + " is no longer an ended authorization we stopped asking Antom about " +
		"(it was closed, captured or voided since, or a capture or void of it is under way). Nothing was changed."}
}
