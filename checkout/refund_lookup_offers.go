package checkout

import (
	"context"

	"antom-checkout/db"
)

// offeredAfterLookup reports whether our refund r (as read before the
// lookup), which a Refund lookup found Antom has no record of, is now an
// open failure we closed ourselves that no lookup holds back any more
// (needsLookup false, read again): its order then offers Try again, Mark
// handled another way and new refunds — what the lookup's answer tells
// staff, with the order to go to.
func (s *Service) offeredAfterLookup(ctx context.Context, r db.Refund) (bool, error) {
	now, err := s.db.RefundByID(ctx, r.ID)
	if err != nil {
		return false, err
	}
	if refundState(now) != stateRefundFailOurs || needsLookup(now) {
		return false, nil
	}
	open, err := openFailures(ctx, s.db.Queries, now.OrderID)
	if err != nil {
		return false, err
	}
	_, owed := open[now.ID]
	return owed, nil
}
