package db

import (
	"context"
	"fmt"
)

// lookFirstR is, over refunds aliased r, a refund we closed as failed
// ourselves (FAIL, final_source OURS: Antom had no such refund when we
// asked) that no Refund lookup since has said Antom has none
// (absent_looked_at empty): Antom may yet make it, so it is neither tried
// again nor settled another way until one does. The twin of checkout's
// needsLookup (its TestDashboardLookFirstAgreesWithNeedsLookup walks
// every state of a failure through both).
const lookFirstR = `r.status = 'FAIL' AND r.final_source = 'OURS' AND r.absent_looked_at = ''`

// RefundFailureCounts counts the staff refunds that failed and are still
// open, of every order (openRefundFailures: not made good by refunds made
// after they failed, not marked handled another way, and owed something
// of what their payment has left).
type RefundFailureCounts struct {
	Open int
	// LookFirst: of Open, those that wait for a Refund lookup (lookFirstR);
	// FoundProcessing: of LookFirst, those Antom was found processing
	// since we closed them (found_processing_at set), which wait for
	// Antom's answer too.
	LookFirst, FoundProcessing int
}

// CountRefundsFailed counts the open failed refunds of every order, and
// of them those that wait for a Refund lookup and those Antom was found
// processing (RefundFailureCounts), in one statement.
func (q *Queries) CountRefundsFailed(ctx context.Context) (RefundFailureCounts, error) {
	var c RefundFailureCounts
	err := q.q.QueryRowContext(ctx, `SELECT COUNT(*), COUNT(CASE WHEN `+lookFirstR+` THEN 1 END),
		COUNT(CASE WHEN `+lookFirstR+` AND r.found_processing_at <> '' THEN 1 END)
		FROM refunds r WHERE r.id IN (SELECT x.id FROM `+openRefundFailures+` x)`).Scan(&c.Open, &c.LookFirst, &c.FoundProcessing)
	if err != nil {
		return RefundFailureCounts{}, fmt.Errorf("db: count refunds failed: %w", err)
	}
	return c, nil
}

// LookFirstFailure is an open failed refund that waits for a Refund
// lookup (lookFirstR): its order's ref, its refundRequestId, and whether
// Antom was found processing it (then it waits for Antom's answer too).
type LookFirstFailure struct {
	OrderRef, RefundRequestID string
	FoundProcessing           bool
}

// RefundFailuresLookFirst returns at most limit of the open failed
// refunds of every order that wait for a Refund lookup, oldest first:
// the dashboard's few examples beside CountRefundsFailed's LookFirst.
func (q *Queries) RefundFailuresLookFirst(ctx context.Context, limit int) ([]LookFirstFailure, error) {
	return queryAll(ctx, q.q, "refund failures look first", scanLookFirstFailure, `SELECT o.ref, r.refund_request_id,
		CASE WHEN r.found_processing_at <> '' THEN 1 ELSE 0 END
		FROM refunds r JOIN orders o ON o.id = r.order_id
		WHERE r.id IN (SELECT x.id FROM `+openRefundFailures+` x) AND `+lookFirstR+` ORDER BY r.id LIMIT ?`, limit)
}

func scanLookFirstFailure(row scanner) (LookFirstFailure, error) {
	var f LookFirstFailure
	var found int
	err := row.Scan(&f.OrderRef, &f.RefundRequestID, &found)
	f.FoundProcessing = found == 1
	return f, err
}
