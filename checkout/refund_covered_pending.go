package checkout

import (
	"context"
	"fmt"

	"antom-checkout/db"
)

// coveringPending is, among refunds (an order's), the first refund still
// processing that may be part of what made failed refund r good: one of
// r's payment made after r failed that makes good (makingNow, the books'
// makingGoodN), which the books count while it processes as when made. unmet is
// what the books leave unmet of r (minor units): when it is r's whole
// amount, nothing covers any of r. Until Antom answers for that refund,
// the part it covers is covered, not made.
func coveringPending(refunds []db.Refund, r db.Refund, unmet int64) (db.Refund, bool) {
	if unmet >= r.Amount {
		return db.Refund{}, false
	}
	for _, n := range refunds {
		if n.AttemptID == r.AttemptID && n.ID > r.FailMark && makingNow(n) && n.Status == db.RefundProcessing {
			return n, true
		}
	}
	return db.Refund{}, false
}

// coveredPendingRefusal is the *ConflictError (Waits: until Antom answers)
// refusing to settle failed refund r another way or to try it again while
// refund n, still processing, covers part of it: once r is closed, the
// part n covered would be owed by nobody should n fail. When Antom has
// answered for n, what is owed of r then is what to settle or retry: the
// refusal names n (Refund), and its Done and Failed words say so, for a
// page that shows it after Antom has answered.
func coveredPendingRefusal(r, n db.Refund, action heldAction) error {
	what, before, done := "marked handled another way", "settling the rest", "Nothing was marked."
	if action == heldRetry {
		what, before, done = "tried again", "trying the rest again", "Nothing was sent."
	}
	return &ConflictError{Waits: true, Refund: n.ID, Message: fmt.Sprintf(
		"Refund %s, still processing at Antom, covers part of the failed refund %s: it can be %s once Antom has answered for %s "+
			"(should it fail, the whole of %s is owed again; %s before could leave that part owed by nobody). %s",
		n.RefundRequestID, r.RefundRequestID, what, n.RefundRequestID, r.RefundRequestID, before, done),
		Done: fmt.Sprintf("Antom has made refund %s, which covered part of the failed refund %s: its line below says what it still owes "+
			"and what can be done now. %s", n.RefundRequestID, r.RefundRequestID, done),
		Failed: fmt.Sprintf("Refund %s failed, so it no longer covers part of the failed refund %s: its line below says what it owes now "+
			"and what can be done. %s", n.RefundRequestID, r.RefundRequestID, done)}
}

// refuseWhileCovered reads the order's refunds in q and returns
// coveredPendingRefusal if a refund still processing covers part of r,
// or cappedByLateRetryRefusal if a retry still processing whose chain
// Antom made takes what the cap would leave r (owed: what the books owe
// of r), else nil.
func refuseWhileCovered(ctx context.Context, q *db.Queries, r db.Refund, owed db.RefundOwed, action heldAction) error {
	refunds, err := q.OrderRefunds(ctx, r.OrderID)
	if err != nil {
		return err
	}
	if n, ok := coveringPending(refunds, r, owed.Unmet); ok {
		return coveredPendingRefusal(r, n, action)
	}
	if n, made, ok := cappedByLateRetry(refunds, r, owed); ok {
		return cappedByLateRetryRefusal(r, n, made, owed.Owed, action)
	}
	return nil
}
