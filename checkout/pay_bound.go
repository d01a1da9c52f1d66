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
	if n > AttemptsPerOrder {
		return ErrTooManyAttempts
	}
	return nil
}
