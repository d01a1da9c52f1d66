package checkout

import (
	"context"
	"errors"
	"time"

	"antom-checkout/db"
)

// Buyer states of an order on My orders (the values the result page uses
// for the same states).
const (
	MineUnpaid            = "unpaid"
	MineProcessing        = "processing"
	MineFailed            = "failed"
	MineCancelled         = "cancelled"
	MineAuthorized        = "authorized"
	MineVoided            = "voided"
	MinePaid              = "paid"
	MinePartiallyRefunded = "partially-refunded"
	MineRefunded          = "refunded"
)

// MyOrdersLimit is how many orders My orders lists: the newest.
const MyOrdersLimit = 50

// MyOrder is one line of a buyer's My orders.
type MyOrder struct {
	Ref         string
	Description string // "2 × Ceremonial matcha"
	Icon        string
	Total       Money
	State       string // Mine*
	CreatedAt   time.Time
}

// MyOrders lists the viewer's newest orders (at most MyOrdersLimit): a
// signed-in buyer's, and those this browser made as a guest. more reports
// older ones left out.
func (s *Service) MyOrders(ctx context.Context, v Viewer) (orders []MyOrder, more bool, err error) {
	lines, err := s.db.OwnedOrders(ctx, v.BuyerID, v.GuestRefs, MyOrdersLimit+1)
	if err != nil {
		return nil, false, err
	}
	more = len(lines) > MyOrdersLimit
	out := make([]MyOrder, 0, len(lines))
	for _, l := range lines[:min(len(lines), MyOrdersLimit)] {
		state, err := s.buyerState(ctx, l.Order)
		if err != nil {
			return nil, false, err
		}
		out = append(out, MyOrder{
			Ref: l.Ref, Description: orderView(l.Order, db.Product{Name: l.ProductName}).Description, Icon: l.ProductIcon,
			Total: Money{l.Currency, l.Amount}, State: state, CreatedAt: l.CreatedAt,
		})
	}
	return out, more, nil
}

// buyerState is where an order's payment stands for its buyer: the
// attempt that paid (or authorized) it, else the latest, and for a paid
// order how much of what was taken came back.
func (s *Service) buyerState(ctx context.Context, o db.Order) (string, error) {
	var a db.Attempt
	var err error
	switch o.Status {
	case db.OrderPaid, db.OrderAuthorized, db.OrderVoided:
		a, err = s.db.SuccessfulAttempt(ctx, o.ID)
	default:
		a, err = s.db.LatestAttempt(ctx, o.ID)
	}
	if err != nil && !errors.Is(err, db.ErrNotFound) {
		return "", err
	}
	switch {
	case o.Status == db.OrderVoided:
		return MineVoided, nil
	case o.Status == db.OrderAuthorized:
		return MineAuthorized, nil
	case o.Status == db.OrderPaid:
		return s.refundState(ctx, a)
	case a.Status == db.AttemptProcessing || o.Status == db.OrderProcessing:
		return MineProcessing, nil
	case a.Status == db.AttemptFail:
		return MineFailed, nil
	case a.Status == db.AttemptCancelled:
		return MineCancelled, nil
	}
	return MineUnpaid, nil
}

// refundState tells a paid order from a (partially) refunded one.
func (s *Service) refundState(ctx context.Context, a db.Attempt) (string, error) {
	if a.ID == 0 {
		return MinePaid, nil
	}
	paid, err := paidAmount(ctx, s.db.Queries, a)
	if err != nil {
		return "", err
	}
	refunded, _, err := s.db.RefundTotals(ctx, a.ID)
	switch {
	case err != nil:
		return "", err
	case refunded > 0 && refunded >= paid:
		return MineRefunded, nil
	case refunded > 0:
		return MinePartiallyRefunded, nil
	}
	return MinePaid, nil
}
