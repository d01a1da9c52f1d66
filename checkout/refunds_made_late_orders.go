package checkout

import (
	"context"
	"slices"

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
// (lateTwice, summed over the order's payments), by order id; how many
// such payments there are; and the refunds the older rule (db's
// refundPaidTwice) flags of which nothing is so (lateTwice's Older: 0),
// by id, ascending: db.OrderSearch's and CountRefundsPaidTwice's
// notTwice. One indexed read when there is no such refund.
func (s *Service) ordersLateTwice(ctx context.Context) (orders map[int64]lateTwice, payments int, notTwice []int64, err error) {
	ps, err := s.db.PaymentsWithRefundsMadeLateOrFound(ctx)
	if err != nil || len(ps) == 0 {
		return nil, 0, nil, err
	}
	orders = map[int64]lateTwice{}
	for _, p := range ps {
		t := lateTwiceOf(p.Paid, p.Refunds)
		for id, so := range t.Older {
			if so <= 0 {
				notTwice = append(notTwice, id)
			}
		}
		if !t.told() {
			continue
		}
		payments++
		o := orders[p.OrderID]
		o.Got, o.May, o.Owed, o.IfFound = o.Got+t.Got, o.May+t.May, o.Owed+t.Owed, o.IfFound+t.IfFound
		orders[p.OrderID] = o
	}
	slices.Sort(notTwice)
	return orders, payments, notTwice, nil
}
