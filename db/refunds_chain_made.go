package db

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
)

// retryAncestorMade is, over refunds aliased r, the refundRequestId of
// the nearest refund earlier in r's retry chain that Antom made (” if
// none). Whether the buyer got a refund twice is checkout's rule
// (refundsPaidTwice), over RefundsOfPaymentsMadeLate.
const retryAncestorMade = `COALESCE((SELECT a.refund_request_id FROM refunds a WHERE a.order_id = r.order_id
		AND (a.id = r.retry_root OR a.retry_root = r.retry_root) AND a.id < r.id AND a.status = 'SUCCESS'
		ORDER BY a.id DESC LIMIT 1), '')`

// retryChainMadeR is, over refunds aliased r, a retry (retry_of) with a refund earlier in
// its retry chain that Antom made after all (a FAIL we decided ourselves,
// turned SUCCESS late): the debt the retry carried — what was still owed
// of the failure it retries, which is what a retry asks for — was paid
// by that refund, whatever became of the retry. A chain is one line in
// id order (a failure is retried at most once, by a later refund), so a
// retry's earlier refunds are its chain's first failure (retry_root) and
// the other retries of that root with a smaller id: read by index
// (the primary key; refunds_retry_root_idx, a partial index, which
// "a.retry_root <> 0" lets the planners read), not by walking the chain —
// a recursive walk for every failure of every subquery made PostgreSQL's
// plans cost enough for its JIT to spend tens of seconds compiling them.
const (
	retryChainMadeR = `r.retry_root <> 0 AND (EXISTS (SELECT 1 FROM refunds a WHERE a.id = r.retry_root AND a.id < r.id AND a.status = 'SUCCESS')
		OR EXISTS (SELECT 1 FROM refunds a WHERE a.retry_root = r.retry_root AND a.retry_root <> 0 AND a.id < r.id AND a.status = 'SUCCESS'))`
)

// RetryAncestorMade returns the refundRequestId of the nearest refund
// earlier in refund id's retry chain that Antom made after all ("" if
// none, or if id is not a retry): a retry of such a chain owes nothing,
// whatever became of it (retryChainMadeR).
func (q *Queries) RetryAncestorMade(ctx context.Context, id int64) (string, error) {
	var made string
	err := q.q.QueryRowContext(ctx, `SELECT `+retryAncestorMade+` FROM refunds r WHERE r.id = ? AND r.retry_root <> 0`, id).Scan(&made)
	if errors.Is(err, sql.ErrNoRows) {
		return "", nil
	}
	if err != nil {
		return "", fmt.Errorf("db: retry ancestor made: %w", err)
	}
	return made, nil
}
