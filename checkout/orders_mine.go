package checkout

import (
	"context"
	"errors"
	"slices"
	"time"

	"antom-checkout/db"
)

// MyOrdersLimit is how many orders My orders lists: the newest.
const MyOrdersLimit = 50

// MyOrder is one line of a buyer's My orders.
type MyOrder struct {
	Ref         string
	Description string // "2 × Ceremonial matcha"
	Product     string // the product's slug, and its name and quantity, for pages that say them in the buyer's language
	ProductName string
	// ProductID and ProductRetired are the order's product row
	// (Product.ID, Product.Retired): which words it says
	// (OrderProductWords, of Bought).
	ProductID      int64
	ProductRetired bool
	Quantity       int
	Icon           string
	Total          Money
	// Charges are what its receipt says was charged when that is not
	// simply Total (Result.Charges, by the same rule: chargesOf): a card
	// authorization captured in part, or money given back since; zero
	// otherwise.
	Charges Charges
	// RefundFailed and RefundFailures: what staff refunds of it that
	// failed still owe the buyer, and how many failed refunds owe it, as
	// its receipt says (Result.RefundFailed, by the same rule:
	// failedOwed); zero when nothing is owed.
	RefundFailed   Money
	RefundFailures int
	// Refunding and RefundConfirming: its refunds still under way, as
	// its result page says them (Result.Refunding and RefundConfirming,
	// by the same rule: db.Refund.Unconfirmed, underWay): on their way
	// to the buyer, and not confirmed by Antom yet. Zero when none.
	Refunding, RefundConfirming Money
	// RestSettled: refunded (ResultRefunded) in part only, the shop having
	// settled the rest with the buyer another way after a refund failed:
	// its badge says partially refunded, as its result page's does
	// (Result.RestSettled).
	RestSettled bool
	State       string // Result*: the state its result page shows
	// Pending: an authorization the shop is releasing or capturing and
	// Antom has not confirmed yet (PendingReleasing, PendingCapturing; ""
	// if none) — the result page's Releasing and Capturing.
	Pending string
	// Unpayable: why no payment of it may start any more (Unpayable; ""
	// while one may): its badge then says it can no longer be paid where
	// it would read as open for payment (not paid, its payment cancelled),
	// as its result page's does.
	Unpayable Unpayable
	// EarlierMayPay (Unpayable set): a payment of it we closed ourselves
	// is still watched and would pay it if it went through
	// (Result.EarlierMayPay): its badge says so, not that it can no
	// longer be paid.
	EarlierMayPay bool
	CreatedAt     time.Time
}

// MyOrders lists the viewer's newest orders (at most MyOrdersLimit): a
// signed-in buyer's, and those this browser made as a guest. more reports
// older ones left out. It reads them in one query however many there are
// (db.OwnedOrderStates), each in the state buyerState gives it.
//
// A signed-in buyer's list that shows guest orders of this browser's key
// claims them all for the buyer (as sign-in does): they are theirs from
// then on, like any other.
func (s *Service) MyOrders(ctx context.Context, v Viewer) (orders []MyOrder, more bool, err error) {
	lines, err := s.db.OwnedOrderStates(ctx, v.BuyerID, v.GuestKey, MyOrdersLimit+1)
	if err != nil {
		return nil, false, err
	}
	if v.BuyerID != 0 && slices.ContainsFunc(lines, func(l db.OwnedOrderState) bool { return l.BuyerID == 0 }) {
		if err := s.ClaimGuestOrders(ctx, v.BuyerID, v.GuestKey); err != nil {
			return nil, false, err
		}
	}
	more = len(lines) > MyOrdersLimit
	out := make([]MyOrder, 0, len(lines))
	for _, l := range lines[:min(len(lines), MyOrdersLimit)] {
		state, why := ownedState(l), s.unpayable(l.ProductSlug, l.Attempts)
		owed, failures := failedOwed(state, l.Currency, l.RefundOwed, l.RefundFailures)
		out = append(out, MyOrder{
			Ref: l.Ref, Description: orderView(l.Order, db.Product{Name: l.ProductName}).Description, Icon: l.ProductIcon,
			Product: l.ProductSlug, ProductName: l.ProductName, Quantity: l.Quantity,
			ProductID: l.ProductID, ProductRetired: l.ProductRetired,
			Total: Money{l.Currency, l.Amount}, State: state, CreatedAt: l.CreatedAt,
			Pending:      pendingOf(state, l.Attempt.CancelStatus, l.LastCapture),
			Charges:      chargesOf(state, Money{l.Currency, l.Amount}, paidOf(l.Attempt, l.Captured), l.Refunded, l.Handled),
			RestSettled:  restSettled(state, paidOf(l.Attempt, l.Captured), l.Refunded),
			RefundFailed: owed, RefundFailures: failures,
			Refunding: underWay(state, l.Currency, l.Refunding), RefundConfirming: underWay(state, l.Currency, l.Confirming),
			Unpayable: why, EarlierMayPay: earlierMayPay(why, l.ClosedWatched),
		})
	}
	return out, more, nil
}

// underWay is what refunds still under way take (minor units of
// currency) of an order in state, as its result page reads them: only
// in a paid state (resultMoney reads refunds of a paid order only);
// zero in any other.
func underWay(state, currency string, minor int64) Money {
	if !inPaidState(state) || minor == 0 {
		return Money{}
	}
	return Money{currency, minor}
}

// Bought is the order's product as OrderProductWords asks for it.
func (o MyOrder) Bought() Product {
	return Product{ID: o.ProductID, Retired: o.ProductRetired, Slug: o.Product, Name: o.ProductName}
}

// ownedState is buyerState's state from what OwnedOrderStates read with
// the order: the same attempt, the same rules (resultState, paidOf,
// paidState).
func ownedState(l db.OwnedOrderState) string {
	if l.Attempt.ID == 0 {
		return ResultUnpaid
	}
	return paidState(resultState(l.Order, l.Attempt), paidOf(l.Attempt, l.Captured), l.Refunded, l.Handled)
}

// buyerState is where an order's payment stands for its buyer: the state
// its result page shows (the same attempt, the same rules), with a paid
// order's refunds told apart; read order by order (the order's page for
// staff). My orders reads the same for all its orders at once
// (ownedState).
func (s *Service) buyerState(ctx context.Context, q *db.Queries, o db.Order) (string, error) {
	a, err := s.buyersAttempt(ctx, q, o)
	if errors.Is(err, db.ErrNotFound) {
		return ResultUnpaid, nil
	}
	if err != nil {
		return "", err
	}
	if resultState(o, a) != ResultPaid {
		return buyerStateOf(o, a, 0, 0, 0), nil
	}
	paid, err := paidAmount(ctx, q, a)
	if err != nil {
		return "", err
	}
	refunded, _, err := q.RefundTotals(ctx, a.ID)
	if err != nil {
		return "", err
	}
	handled, err := q.HandledRefundTotal(ctx, a.ID)
	if err != nil {
		return "", err
	}
	return buyerStateOf(o, a, paid, refunded, handled), nil
}

// buyerStateOf is buyerState's state from what it reads: a, the order's
// attempt its buyer's page is about (ID 0: none), and for a paid one
// what it took (paidAmount), what of it was refunded (db.RefundTotals)
// and settled another way (db.HandledRefundTotal), all in minor units
// (unused unless resultState is paid). Staff's order page reads them
// in batches (adminReads).
func buyerStateOf(o db.Order, a db.Attempt, paid, refunded, handled int64) string {
	if a.ID == 0 {
		return ResultUnpaid
	}
	return paidState(resultState(o, a), paid, refunded, handled)
}

// restSettled reports an order refunded (state, paidState's) by refunds
// that took less than was paid: the rest the shop settled with the buyer
// another way. Its buyer's badge says partially refunded (My orders and
// the result page alike). Amounts are minor units.
func restSettled(state string, paid, refunded int64) bool {
	return state == ResultRefunded && refunded < paid
}

// paidState is state, except for a paid order: one whose successful
// refunds cover all of what was paid, or together with the failed
// refunds staff settled with the buyer another way (handled:
// db.HandledRefundTotal) cover it, is refunded (all of it went back: the
// page says which part went back another way, Result.RestSettled); one
// whose refunds cover less is partially refunded; one with no refund,
// whose failed refunds staff settled another way for part or all of it,
// is (partly) settled another way. A refund made through Antom decides
// first: refunded $5 and settled $10 another way of $37 is partially
// refunded, refunded $9 and settled $3 of $12 is refunded. Amounts are
// minor units of the payment's currency. db's orderState and proof's
// pageStates say the same.
func paidState(state string, paid, refunded, handled int64) string {
	switch {
	case state != ResultPaid:
		return state
	case refunded > 0 && refunded+handled >= paid:
		return ResultRefunded
	case refunded > 0:
		return ResultPartiallyRefunded
	case handled > 0 && handled >= paid:
		return ResultSettled
	case handled > 0:
		return ResultPartlySettled
	}
	return ResultPaid
}
