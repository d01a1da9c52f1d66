package checkout

import (
	"context"
	"fmt"

	"antom-checkout/db"
)

// madeGoodRefusal is the *ConflictError refusing to act on failed refund
// r (read through q) because refunds of its payment made after it failed
// make it good, ending "…: " + rest. It says whether Antom has made them
// all or which one it is still processing: the books count a refund
// still processing as made (makingNow), and should it fail, r is owed
// again and its line says so.
func madeGoodRefusal(ctx context.Context, q *db.Queries, r db.Refund, rest string) error {
	refunds, err := q.OrderRefunds(ctx, r.OrderID)
	if err != nil {
		return err
	}
	for _, n := range refunds {
		if n.AttemptID == r.AttemptID && n.ID > r.FailMark && makingNow(n) && n.Status == db.RefundProcessing {
			return &ConflictError{Message: fmt.Sprintf("Refund %s is made good by refunds of the payment made after it, "+
				"refund %s among them still processing at Antom (should it fail, its line says what is owed again): %s",
				r.RefundRequestID, n.RefundRequestID, rest)}
		}
	}
	return &ConflictError{Message: fmt.Sprintf("Refund %s is made good by refunds of the payment made after it, which Antom has made: %s",
		r.RefundRequestID, rest)}
}
