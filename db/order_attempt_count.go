package db

import "context"

// CountOrderAttempts counts an order's payment attempts, whatever their
// status (checkout.AttemptsPerOrder bounds them). Within DB.Tx, where
// writers take turns, the count is the order's as the transaction
// leaves it.
func (q *Queries) CountOrderAttempts(ctx context.Context, orderID int64) (int, error) {
	return q.count(ctx, "count order attempts", `SELECT COUNT(*) FROM payment_attempts WHERE order_id = ?`, orderID)
}
