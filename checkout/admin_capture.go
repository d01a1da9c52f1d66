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
