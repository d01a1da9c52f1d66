package checkout

import (
	"context"
	"errors"

	"antom-checkout/db"
)

// CaptureTyped captures an authorized card payment for an amount staff
// typed in major units (see ParseMajor), through Capture.
func (s *Service) CaptureTyped(ctx context.Context, actor, ref, typed string) error {
	o, err := s.db.OrderByRef(ctx, ref)
	if errors.Is(err, db.ErrNotFound) {
		return ErrNotFound
	}
	if err != nil {
		return err
	}
	minor, msg := ParseMajor(o.Currency, typed)
	if msg != "" {
		return fieldError("amount", msg)
	}
	return s.Capture(ctx, actor, ref, minor)
}

// CheckCaptureTyped reports whether actor (a staff email) can capture
// typed (major units, ParseMajor) of order ref's authorization now — for
// the capture's confirmation page; it changes nothing. It returns the
// amount as it would be captured, or the error Capture would return for
// it before sending anything: ErrNotFound, ErrNotAuthorized, an
// *InputError (a bad amount), or a *ConflictError saying what became of
// the authorization (the same capture already sent is Repeat).
func (s *Service) CheckCaptureTyped(ctx context.Context, actor, ref, typed string) (Money, error) {
	o, err := s.db.OrderByRef(ctx, ref)
	if errors.Is(err, db.ErrNotFound) {
		return Money{}, ErrNotFound
	}
	if err != nil {
		return Money{}, err
	}
	minor, msg := ParseMajor(o.Currency, typed)
	if msg != "" {
		return Money{}, fieldError("amount", msg)
	}
	_, a, err := s.authorization(ctx, ref, cardAction{amount: minor, by: actor, check: true})
	if err != nil {
		return Money{}, err
	}
	if err := captureFits(a, minor); err != nil {
		return Money{}, err
	}
	return Money{a.Currency, minor}, nil
}
