package checkout

import "context"

// paidTwiceAll is refundsPaidTwice over every payment with a staff
// refund Antom made after it had failed (db.RefundsOfPaymentsMadeLate):
// the dashboard's count, the refund-paid-twice filter and the orders
// list's badge.
func (s *Service) paidTwiceAll(ctx context.Context) ([]PaidTwice, error) {
	rs, err := s.db.RefundsOfPaymentsMadeLate(ctx)
	if err != nil {
		return nil, err
	}
	return refundsPaidTwice(rs), nil
}

// paidTwiceOrders is the set of order ids with a refund paid twice
// (paidTwiceAll).
func (s *Service) paidTwiceOrders(ctx context.Context) (map[int64]bool, error) {
	all, err := s.paidTwiceAll(ctx)
	if err != nil {
		return nil, err
	}
	out := make(map[int64]bool, len(all))
	for _, p := range all {
		out[p.OrderID] = true
	}
	return out, nil
}
