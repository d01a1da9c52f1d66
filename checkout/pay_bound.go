package checkout

import (
	"context"
	"errors"

	"antom-checkout/db"
)

// AttemptsPerOrder bounds the payment attempts one order may have, the
// buyer's and the app's own, however they ended: each is a pay sent to
// Antom, and paying, leaving the card page and paying another way in a
// loop (a buyer's, or a script's) would otherwise make them without end.
// Past it no attempt is stored or sent (ErrTooManyAttempts); the order
// stays as it is, for staff to see. A buyer paying by hand, failing and
// trying another wallet or card, stays far below it.
const AttemptsPerOrder = 20

// ErrTooManyAttempts means the order has had AttemptsPerOrder payment
// attempts: nothing was stored or sent.
var ErrTooManyAttempts = errors.New("checkout: the order has had as many payment attempts as it may")

// ErrNoOtherWay means the buyer chose to pay another way while the order
// could have no other payment (Unpayable: its attempts used up, or its
// product no longer for sale): no other way could follow,
// so the open payment was left as it was — not cancelled, nothing sent
// to Antom — and stays payable where it is.
var ErrNoOtherWay = errors.New("checkout: the order may have no other payment attempt, so its open payment is not left")

// attemptsUsedUp is the attempt bound's rule for an order with n payment
// attempts: none may be added (withinAttempts refuses it), so no way to
// pay other than the one open, if any, is offered or taken. Pages and
// actions ask it through Unpayable.
func attemptsUsedUp(n int) bool {
	return n >= AttemptsPerOrder
}

// withinAttempts refuses, with ErrTooManyAttempts, an attempt of order
// orderID that transaction q has just stored past AttemptsPerOrder: the
// caller returns the error, which rolls the attempt back. Writers take
// turns in DB.Tx (SQLite's one writer, PostgreSQL's lock), so two presses
// at once cannot both pass the count.
func withinAttempts(ctx context.Context, q *db.Queries, orderID int64) error {
	n, err := q.CountOrderAttempts(ctx, orderID)
	if err != nil {
		return err
	}
	if attemptsUsedUp(n - 1) { // n counts the attempt just stored
		return ErrTooManyAttempts
	}
	return nil
}
