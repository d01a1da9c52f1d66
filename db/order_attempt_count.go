package db

import "context"

// CountOrderAttempts counts an order's payment attempts, whatever their
// status (checkout.AttemptsPerOrder bounds them). Within DB.Tx, where
// writers take turns, the count is the order's as the transaction
// leaves it.
func (q *Queries) CountOrderAttempts(ctx context.Context, orderID int64) (int, error) {
	return q.count(ctx, "count order attempts", `SELECT COUNT(*) FROM payment_attempts WHERE order_id = ?`, orderID)
}

// orderAttemptCount is CountOrderAttempts' count for order o, as a
// column of the checkout page's and My orders' one statement each
// (TestOwnedOrderStatesAgreeWithPerOrderReads holds My orders' to it).
const orderAttemptCount = `(SELECT COUNT(*) FROM payment_attempts n WHERE n.order_id = o.id)`
