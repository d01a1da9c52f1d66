package checkout

import (
	"context"

	"antom-checkout/db"
)

// The rule of refunds made late (refunds_made_late.go) for an order's
// page, and for the orders list and the dashboard.

// lateTwiceByAttempt is lateTwiceOf of each payment of refunds (an
// order's) that has a refund made late or found processing, by attempt
// id; paid gives what each took. Nil when none has.
func lateTwiceByAttempt(refunds []db.Refund, paid func(attemptID int64) int64) map[int64]lateTwice {
	var out map[int64]lateTwice
	for _, r := range refunds {
		if _, seen := out[r.AttemptID]; seen || !madeLate(r) && !foundProcessing(r) {
			continue
		}
		var of []db.Refund
		for _, x := range refunds {
			if x.AttemptID == r.AttemptID {
				of = append(of, x)
			}
		}
		if out == nil {
			out = map[int64]lateTwice{}
		}
		out[r.AttemptID] = lateTwiceOf(paid(r.AttemptID), of)
	}
	return out
}

// ordersLateTwice returns the orders with a payment whose buyer got (or
// may get) money twice through refunds made late or found processing
// (lateTwice, summed over the order's payments), by order id; and how
// many such payments there are. One indexed read when there is no such
// refund.
func (s *Service) ordersLateTwice(ctx context.Context) (orders map[int64]lateTwice, payments int, err error) {
	ps, err := s.db.PaymentsWithRefundsMadeLateOrFound(ctx)
	if err != nil || len(ps) == 0 {
		return nil, 0, err
	}
	orders = map[int64]lateTwice{}
	for _, p := range ps {
		t := lateTwiceOf(p.Paid, p.Refunds)
		if !t.told() {
			continue
		}
		payments++
		o := orders[p.OrderID]
		o.Got, o.May, o.Owed, o.IfFound = o.Got+t.Got, o.May+t.May, o.Owed+t.Owed, o.IfFound+t.IfFound
		orders[p.OrderID] = o
	}
	return orders, payments, nil
}
