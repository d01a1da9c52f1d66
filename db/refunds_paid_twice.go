package db

import (
	"context"
	"fmt"
)

// A refund the buyer got twice (or may get twice), over refunds aliased
// r: the one rule behind the dashboard's count (CountRefundsPaidTwice),
// the orders filter (OrderSearch.RefundPaidTwice) and the order page's
// flag (OrderRefundsPaidTwice). Two causes:
//
//   - refundSettledThenMade: staff settled the failed refund with the
//     buyer another way (settledAnotherWay), then Antom made it after all
//     (a FAIL we decided ourselves that Antom reports SUCCESS late). The
//     buyer got what was settled twice.
//   - refundRetriedThenMade: r tries again (retry_of) a failed refund —
//     directly, or through failed retries in between — and a refund
//     earlier in its retry chain (retryAncestors) was made after all,
//     while r is made too (SUCCESS: the buyer got r's amount twice) or
//     still PROCESSING (Antom may yet make it: the buyer may get it
//     twice, and staff should know before it is done). Only the later
//     refund of such a pair is r: a chain with two refunds made is
//     counted once, one with three twice (each retry made is one extra).
//
// Only a FAIL we decided ourselves can turn SUCCESS, and only an open
// failure can be retried or settled another way (never both), so a chain's
// earlier refunds are FAIL or SUCCESS.
const (
	refundSettledThenMade = `r.status = 'SUCCESS' AND ` + settledAnotherWay
	// retryAncestors is a recursive walk up r's retry chain by primary
	// key: the refund r retries, the one that retries, and so on; join
	// refunds a ON a.id = up.id.
	retryAncestors = `WITH RECURSIVE up(id) AS (SELECT r.retry_of
		UNION ALL SELECT p.retry_of FROM refunds p JOIN up ON p.id = up.id WHERE p.retry_of <> 0)`
	refundRetriedThenMade = `r.retry_of <> 0 AND r.status IN ('SUCCESS', 'PROCESSING') AND EXISTS (` + retryAncestors + `
		SELECT 1 FROM refunds a JOIN up ON a.id = up.id WHERE a.status = 'SUCCESS')`
	refundPaidTwice = `((` + refundSettledThenMade + `) OR (` + refundRetriedThenMade + `))`
	// retryAncestorMade is the refundRequestId of the nearest refund
	// earlier in r's retry chain that Antom made ('' if none).
	retryAncestorMade = `COALESCE((` + retryAncestors + `
		SELECT a.refund_request_id FROM refunds a JOIN up ON a.id = up.id WHERE a.status = 'SUCCESS' ORDER BY a.id DESC LIMIT 1), '')`
)

// OrderRefundsPaidTwice returns, by refund id, an order's refunds the
// buyer got twice or may get twice (refundPaidTwice), each with the
// refundRequestId of the refund earlier in its retry chain that Antom
// made too ("" when it was settled another way and then made by Antom).
func (q *Queries) OrderRefundsPaidTwice(ctx context.Context, orderID int64) (map[int64]string, error) {
	rows, err := q.q.QueryContext(ctx, `SELECT r.id, `+retryAncestorMade+` FROM refunds r
		WHERE r.order_id = ? AND `+refundPaidTwice, orderID)
	if err != nil {
		return nil, fmt.Errorf("db: order refunds paid twice: %w", err)
	}
	defer rows.Close()
	out := map[int64]string{}
	for rows.Next() {
		var id int64
		var made string
		if err := rows.Scan(&id, &made); err != nil {
			return nil, fmt.Errorf("db: order refunds paid twice: %w", err)
		}
		out[id] = made
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("db: order refunds paid twice: %w", err)
	}
	return out, nil
}
