package checkout

import (
	"context"
	"errors"

	"antom-checkout/db"
)

// IsAccountOrder reports whether the order ref exists and belongs to a
// buyer account (not a guest's). A signed-out visitor who cannot see such
// an order may be its owner, signed out or in another browser, and is
// asked to sign in instead of being told there is no such page; an
// unknown ref or a guest's order is false. Errors are the database's.
func (s *Service) IsAccountOrder(ctx context.Context, ref string) (bool, error) {
	o, err := s.db.OrderByRef(ctx, ref)
	if errors.Is(err, db.ErrNotFound) {
		return false, nil
	}
	if err != nil {
		return false, err
	}
	return o.BuyerID != 0, nil
}
