package db

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
)

// A refund the buyer got twice (or may get twice), over refunds aliased
// r: the one rule behind the dashboard's count (CountRefundsPaidTwice),
// the orders filter (OrderSearch.RefundPaidTwice), the orders list's
// badges (refundMadeTwice, refundMaybeTwice) and the order page's flag
// (OrderRefundsPaidTwice). Two causes:
//
//   - refundSettledThenMade: staff settled the failed refund with the
//     buyer another way (settledAnotherWay), then Antom made it after all
//     (a FAIL we decided ourselves that Antom reports SUCCESS late). The
//     buyer got what was settled twice.
//   - refundRetriedThenMade: r tries again (retry_of) a failed refund —
//     directly, or through failed retries in between — and a refund
//     earlier in its retry chain was made after all
//     (retryChainMadeR), while r is made too (SUCCESS: the buyer got r's
//     amount twice), still PROCESSING (Antom may yet make it: the buyer
//     may get it twice, and staff should know before it is done), or
//     failed and settled with the buyer another way (settledAnotherWay:
//     the buyer got what was settled, and the earlier refund too — the
//     same debt paid twice). Only the later refund of such a pair is r:
//     a chain with two refunds made is counted once, one with three
//     twice (each retry made beyond the first once).
//
// A retry in a chain with a refund made after all that failed and was
// not settled another way is neither paid twice nor owed anything
// (owingR leaves it out, by retryChainMadeR): the buyer got the chain's
// money once, from the earlier refund. Only a FAIL we decided ourselves
// can turn SUCCESS, and only an open failure can be retried or settled
// another way (never both), so a chain's earlier refunds are FAIL or
// SUCCESS. Where the books took the money a refund made late gave off
// another failure's debt (the payment's cap reached), part or all of
// what this rule says is not so: checkout's rule of refunds made late
// says how much (its lateTwice's Older), the order page says that, and
// the refunds it finds nothing of are left out of the list's badges, the
// filter and the dashboard's count (OrderSearch.NotTwice,
// CountRefundsPaidTwice's notTwice).
const (
	refundSettledThenMade = `r.status = 'SUCCESS' AND ` + settledAnotherWay
	refundRetriedThenMade = `(r.status IN ('SUCCESS', 'PROCESSING') OR ` + settledAnotherWay + `) AND ` + retryChainMadeR
	refundPaidTwice       = `((` + refundSettledThenMade + `) OR (` + refundRetriedThenMade + `))`
	// refundMadeTwice and refundMaybeTwice split refundPaidTwice as staff
	// must tell them apart: the buyer got the money twice (r made, or
	// failed and settled another way), or may yet get it twice (r a retry
	// still PROCESSING: only if Antom makes it).
	refundMadeTwice  = `r.status <> 'PROCESSING' AND ` + refundPaidTwice
	refundMaybeTwice = `((r.status = 'PROCESSING' AND ` + refundPaidTwice + `) OR ` + refundFoundTwice + `)`
	// refundFoundTwice: a refund the buyer may get twice because Antom
	// was found processing a refund we closed as failed (FAIL,
	// found_processing_at) that staff had made good already:
	// refundSettledThenFound, r itself, settled another way; or
	// refundRetriedThenFound, r a retry (made, processing or settled
	// another way) of a chain with such a refund earlier in it
	// (retryChainFoundR) and none Antom made (refundRetriedThenMade's).
	// If Antom makes it, the buyer gets the money twice.
	refundSettledThenFound = handledRefundFailure + ` AND r.found_processing_at <> ''`
	refundRetriedThenFound = `(r.status IN ('SUCCESS', 'PROCESSING') OR ` + settledAnotherWay + `) AND NOT (` + retryChainMadeR + `) AND ` + retryChainFoundR
	refundFoundTwice       = `((` + refundSettledThenFound + `) OR (` + refundRetriedThenFound + `))`
	// retryAncestorFound is the refundRequestId of the nearest refund
	// earlier in r's retry chain that Antom was found processing ('' if
	// none).
	retryAncestorFound = retryAncestorHead + foundA + retryAncestorTail
	// retryAncestorHead + a condition over refunds aliased a +
	// retryAncestorTail: the refundRequestId of the nearest refund
	// earlier in r's retry chain that meets it ('' if none).
	retryAncestorHead = `COALESCE((SELECT a.refund_request_id FROM refunds a WHERE a.order_id = r.order_id
		AND (a.id = r.retry_root OR a.retry_root = r.retry_root) AND a.id < r.id AND `
	retryAncestorTail = `
		ORDER BY a.id DESC LIMIT 1), '')`
	// madeA: refund a was made (a chain's earlier refund is SUCCESS only
	// if Antom made it after all); foundA: Antom was found processing it.
	madeA  = `a.status = 'SUCCESS'`
	foundA = `a.status = 'FAIL' AND a.found_processing_at <> ''`
	// retryAncestorMade is the refundRequestId of the nearest refund
	// earlier in r's retry chain that Antom made ('' if none).
	retryAncestorMade = retryAncestorHead + madeA + retryAncestorTail
)

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
	retryChainMadeR = retryChainHead + madeA + retryChainMid + madeA + `))`
	// retryChainFoundR is retryChainMadeR for a refund earlier in the
	// chain that Antom was found processing (FAIL, found_processing_at):
	// it may yet be made.
	retryChainFoundR = retryChainHead + foundA + retryChainMid + foundA + `))`
	// retryChainHead + a condition over refunds aliased a + retryChainMid
	// + the condition again + "))": r is a retry with a refund earlier in
	// its chain that meets it — its root, or another retry of that root
	// (two reads by index, as retryChainMadeR says).
	retryChainHead = `r.retry_root <> 0 AND (EXISTS (SELECT 1 FROM refunds a WHERE a.id = r.retry_root AND a.id < r.id AND `
	retryChainMid  = `)
		OR EXISTS (SELECT 1 FROM refunds a WHERE a.retry_root = r.retry_root AND a.retry_root <> 0 AND a.id < r.id AND `
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

// OrderRefundsPaidTwice returns, by refund id, an order's refunds the
// buyer got twice or may get twice (refundPaidTwice), each with the
// refundRequestId of the refund earlier in its retry chain that Antom
// made too ("" when it was settled another way and then made by Antom).
func (q *Queries) OrderRefundsPaidTwice(ctx context.Context, orderID int64) (map[int64]string, error) {
	return queryMap(ctx, q.q, "order refunds paid twice", scanPaidTwice, orderRefundsPaidTwice, orderID)
}

// orderRefundsPaidTwice is OrderRefundsPaidTwice's query.
const orderRefundsPaidTwice = `SELECT r.id, ` + retryAncestorMade + ` FROM refunds r
		WHERE r.order_id = ? AND ` + refundPaidTwice

func scanPaidTwice(row scanner) (id int64, made string, err error) {
	err = row.Scan(&id, &made)
	return id, made, err
}

// OrderRefundsFoundTwice returns, by refund id, an order's refunds the
// buyer may get twice because Antom was found processing a refund we
// closed as failed that was made good already (refundFoundTwice), each
// with the refundRequestId of the refund earlier in its retry chain Antom
// is found processing ("" when it is the refund itself, settled another
// way).
func (q *Queries) OrderRefundsFoundTwice(ctx context.Context, orderID int64) (map[int64]string, error) {
	return queryMap(ctx, q.q, "order refunds found twice", scanPaidTwice, orderRefundsFoundTwice, orderID)
}

// orderRefundsFoundTwice is OrderRefundsFoundTwice's query.
const orderRefundsFoundTwice = `SELECT r.id, ` + retryAncestorFound + ` FROM refunds r
		WHERE r.order_id = ? AND ` + refundFoundTwice
