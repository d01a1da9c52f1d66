package checkout

import (
	"context"

	"antom-checkout/db"
)

// Unpayable is why no payment of an order may start any more; "" while
// one may. It is one rule (Service.unpayable) that every page and action
// offering or taking a way to pay asks: the checkout page says it in
// place of the ways to pay, the result page in place of "pay another
// way" (an open card page stays payable where it is), and a press is
// refused (ErrNotForSale, ErrTooManyAttempts, ErrNoOtherWay).
type Unpayable string

const (
	// UnpayableNotForSale: the order's product is no longer for sale
	// (the merchant's catalogue file no longer lists it). A new order
	// cannot buy it either, so it is said before UnpayableAttemptsUsedUp.
	UnpayableNotForSale Unpayable = "not-for-sale"
	// UnpayableAttemptsUsedUp: the order has had AttemptsPerOrder
	// payment attempts (attemptsUsedUp); a new order may buy its items.
	UnpayableAttemptsUsedUp Unpayable = "attempts-used-up"
)

// earlierMayPay is Result.EarlierMayPay (and MyOrder's) of an order no
// new payment of which may start (why, Unpayable; "" while one may) and
// that has, or has not (watched), a payment we closed ourselves still
// watched for a late outcome (db's ClosedWatched: FAIL or CANCELLED, ours,
// its next check set). Antom's SUCCESS for such a payment pays the order
// (paymentResultRules' and paymentInquiryRules' late success, whatever
// the order's product or count of attempts), so the order is not one that
// can no longer be paid: its pages say that no new payment can start and
// that the earlier one, if it still goes through, pays it. Once the watch
// ends (EndWatch, a day after the payment started) or Antom settles the
// payment, the order can no longer be paid, and they say that. An order
// that may still be paid another way needs no such words: false.
func earlierMayPay(why Unpayable, watched bool) bool {
	return why != "" && watched
}

// unpayable is why an order of the product slug that has had n payment
// attempts may have no other; "" when it may.
func (s *Service) unpayable(slug string, n int) Unpayable {
	switch {
	case !s.payableProduct(slug):
		return UnpayableNotForSale
	case attemptsUsedUp(n):
		return UnpayableAttemptsUsedUp
	}
	return ""
}

// unpayableOrder is unpayable of order orderID of the product slug, its
// attempts counted through q only when its product alone does not
// decide it.
func (s *Service) unpayableOrder(ctx context.Context, q *db.Queries, orderID int64, slug string) (Unpayable, error) {
	if why := s.unpayable(slug, 0); why != "" {
		return why, nil // its product decides: no count needed
	}
	n, err := q.CountOrderAttempts(ctx, orderID)
	if err != nil {
		return "", err
	}
	return s.unpayable(slug, n), nil
}
