package db

import (
	"context"
	"strconv"
)

// OwnedOrderState is an order of a buyer's list (OrderLine) with all a
// buyer's state of it needs, read with it: the attempt that speaks for it
// and what became of that attempt's money.
type OwnedOrderState struct {
	OrderLine
	// Attempt is the one LatestAttempt returns (the newest that paid the
	// order, else its newest, never a surplus one), every column; a zero
	// Attempt (ID 0) when nobody tried to pay.
	Attempt Attempt
	// Of Attempt, in its currency's minor units: what its successful
	// captures took if it is a card authorization captured by hand
	// (CaptureMode MANUAL; 0 for any other), what its refunds that
	// succeeded took (RefundTotals' refunded), and what staff settled
	// with the buyer another way of its failed refunds
	// (HandledRefundTotal). All 0 when there is no attempt.
	Captured, Refunded, Handled int64
	// Refunding and Confirming: of Attempt's refunds still PROCESSING,
	// in minor units, what those Antom accepted (a refundId) and those
	// it has not confirmed yet (Refund.Unconfirmed) take — the result
	// page's "being refunded" and "being confirmed" (checkout's
	// Result.Refunding and RefundConfirming), by the same rule. 0 when
	// there is no attempt.
	Refunding, Confirming int64
	// LastCapture is the status of Attempt's newest capture ("" if none):
	// PROCESSING while a capture staff sent is not confirmed yet.
	LastCapture string
	// Attempts is how many payment attempts the order has, whatever
	// their status (CountOrderAttempts; 0 with none): whether one more
	// may start (checkout.Unpayable).
	Attempts int
	// ClosedWatched: the order has an attempt we closed ourselves that is
	// still watched for a late outcome (closedWatchedO), whose late
	// success would still pay it (checkout.Result.EarlierMayPay).
	ClosedWatched bool
	// RefundOwed and RefundFailures are FailedRefunds of Attempt: what
	// its failed staff refunds still owe the buyer (minor units) and how
	// many open failures owe it, by the one rule of what failures owe
	// (refundsOwed). 0 when there is no attempt or nothing is owed.
	RefundOwed     int64
	RefundFailures int
}

// ownedOrderStateSums are OwnedOrderState's Captured, Refunded,
// Handled, Refunding and Confirming of the attempt aliased a (NULL
// columns when the LEFT JOIN found none: each sum is then 0). The same
// sums as the per-attempt reads: captures as checkout's paidAmount adds
// them (OrderCaptures: SUCCESS, of this attempt), refunds as
// RefundTotals and HandledRefundTotal, and those still processing
// split by Refund.Unconfirmed (refundingA, confirmingA) as the result
// page splits OrderRefunds.
const ownedOrderStateSums = `COALESCE(CASE WHEN a.capture_mode = 'MANUAL' THEN ` + capturedA + ` END, 0),
	` + refundedA + `,
	(SELECT COALESCE(SUM(r.handled_amount), 0) FROM refunds r
		WHERE r.order_id = a.order_id AND r.attempt_id = a.id AND ` + handledRefundFailure + `),
	` + refundingA + `,
	` + confirmingA

// Of the attempt aliased a, the sums of its refunds still PROCESSING
// (processingA) that Antom accepted, on their way (refundingA), and that
// it has not confirmed yet (confirmingA, by unconfirmedX: its refunds
// are aliased x).
const (
	processingWhereA = `(SELECT COALESCE(SUM(x.amount), 0) FROM refunds x WHERE x.order_id = a.order_id AND x.attempt_id = a.id
		AND x.status = 'PROCESSING' AND `
	refundingA  = processingWhereA + `NOT (` + unconfirmedX + `))`
	confirmingA = processingWhereA + unconfirmedX + `)`
)

// OwnedOrderStates is OwnedOrders (the same orders, newest first, at most
// limit) with each order's OwnedOrderState, in one query whatever the
// number of orders: the orders are picked and limited first, then each
// joined to its attempt (as OrderAndLatestAttemptByRef does), its
// sums, its count of attempts and whether it has an attempt we closed
// that is still watched (closedWatchedO). A pure read. Nil for nobody (buyerID 0, no guest key).
//
// Each listed order's speaking attempt id (speakingAttemptID) is a
// column of the listed orders (PostgreSQL computes it after their LIMIT), and the
// attempt joined by it: so PostgreSQL looks up only those attempts, by
// id. Joined on the expression itself (speakingAttempt), it hashed every
// row of payment_attempts, the whole shop's, for each list
// (TestSpeakingAttemptReadsUseIndexes, BenchmarkSpeakingAttemptReads).
//
// limit is written into the statement as a number, not bound: SQLite
// reads a bound LIMIT of a subquery while planning, and so prepares such
// a statement anew every time it runs (it took more than half of this
// read's time on SQLite, BenchmarkMyOrdersReads). Callers pass one
// limit (My orders'), so it stays one statement, prepared once.
func (q *Queries) OwnedOrderStates(ctx context.Context, buyerID int64, guestKey string, limit int) ([]OwnedOrderState, error) {
	if buyerID == 0 && guestKey == "" {
		return nil, nil
	}
	where, args := ownedWhere(buyerID, guestKey)
	listed := `SELECT o.id FROM orders o WHERE ` + where + ` ORDER BY o.id DESC LIMIT ` + strconv.Itoa(max(limit, 0))
	return queryAll(ctx, q.q, "owned order states", scanOwnedOrderState, `SELECT o.id, o.ref, o.buyer_id, o.product_id,
		o.quantity, o.currency, o.amount, o.status, o.paid_at, o.created_at, o.updated_at, `+orderLineProduct+`,
		`+latestAttemptColumns+`,
		`+ownedOrderStateSums+`, `+lastCaptureA+`,
		`+orderAttemptCount+`, `+closedWatchedO+`, COALESCE(fo.owed, 0), COALESCE(fo.failures, 0)
		FROM (SELECT o.id, o.ref, COALESCE(o.buyer_id, 0) AS buyer_id, o.product_id, o.quantity, o.currency, o.amount,
			o.status, o.paid_at, o.created_at, o.updated_at, `+speakingAttemptID+` AS speaking_id FROM orders o
			WHERE `+where+` ORDER BY o.id DESC LIMIT `+strconv.Itoa(max(limit, 0))+`) o
		JOIN products p ON p.id = o.product_id
		LEFT JOIN payment_attempts a ON a.id = o.speaking_id
		`+ownedRefundsOwed(listed)+`
		ORDER BY o.id DESC`, append(args, args...)...)
}

// ownedRefundsOwed joins, as fo, FailedRefunds of each attempt of the
// orders listed (a statement of their ids): fo.owed and fo.failures,
// NULL for an attempt nothing is owed of. The scope (refundsOwed's) is
// every refund of those orders: all of a payment's refunds or none.
func ownedRefundsOwed(listed string) string {
	return `LEFT JOIN (SELECT x.attempt_id, SUM(x.allotted) AS owed, COUNT(*) AS failures
		FROM ` + refundsOwedHead + `r.order_id IN (` + listed + `)` + refundsOwedTail + ` x
		WHERE x.allotted > 0 GROUP BY x.attempt_id) fo ON fo.attempt_id = a.id`
}

func scanOwnedOrderState(row scanner) (OwnedOrderState, error) {
	var s OwnedOrderState
	var t attemptTimes
	var oPaid, oCreated, oUpdated string
	l, a := &s.OrderLine, &s.Attempt
	dest := []any{&l.ID, &l.Ref, &l.BuyerID, &l.ProductID, &l.Quantity, &l.Currency, &l.Amount, &l.Status,
		&oPaid, &oCreated, &oUpdated, &l.ProductSlug, &l.ProductName, &l.ProductIcon, &l.ProductRetired}
	dest = append(append(dest, t.into(a)...), &s.Captured, &s.Refunded, &s.Handled, &s.Refunding, &s.Confirming, &s.LastCapture, &s.Attempts, &s.ClosedWatched,
		&s.RefundOwed, &s.RefundFailures)
	err := row.Scan(dest...)
	l.PaidAt, l.CreatedAt, l.UpdatedAt = parseTime(oPaid), parseTime(oCreated), parseTime(oUpdated)
	t.set(a)
	return s, err
}
