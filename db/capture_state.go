package db

import (
	"context"
	"fmt"
	"time"
)

// lastCaptureA is the status of the newest capture of the attempt aliased
// a (” when it has none, or when the LEFT JOIN found no attempt). Staff
// send one capture at a time, so PROCESSING here is the capture under
// way, and FAIL a refused capture nothing was tried after.
const lastCaptureA = `COALESCE((SELECT c.status FROM captures c WHERE c.attempt_id = a.id ORDER BY c.id DESC LIMIT 1), '')`

// openAuthorization: the attempt aliased a is a MANUAL card authorization
// (not a surplus one) of the order aliased o that still holds the money,
// waiting for capture or void (the order AUTHORIZED).
const openAuthorization = `a.status = 'SUCCESS' AND a.capture_mode = 'MANUAL' AND a.surplus = 0 AND o.status = 'AUTHORIZED'`

// openCaptureFailure: the authorization aliased a (of the order aliased
// o) is still open and not expired at the time bound to its one "?", its
// newest capture failed — Antom refused to take the money, and no
// capture was tried since — no capture of it was refused with a code
// that ends it (refusedEnding: it expired, or was cancelled at Antom,
// and the reconciler closes the order; endedAuthorization), and no
// cancel of it is under way (a void Antom has not answered, PROCESSING,
// or a cancel of ours in doubt, IN_DOUBT: staff can only wait). A
// success makes the order PAID, a void VOIDED: either closes it. The
// twin of checkout's captureFailureOpen.
const openCaptureFailure = openAuthorization + ` AND (a.auth_expires_at = '' OR a.auth_expires_at > ?)
	AND a.cancel_status NOT IN ('PROCESSING', 'IN_DOUBT') AND ` + lastCaptureA + ` = 'FAIL' AND NOT ` + refusedEnding

// CountCaptureFailures counts the orders whose authorization is still
// open (at now: not expired) after its newest capture failed
// (openCaptureFailure): money staff asked for and did not get.
func (q *Queries) CountCaptureFailures(ctx context.Context, now time.Time) (int, error) {
	return q.count(ctx, "count capture failures", `SELECT COUNT(*) FROM payment_attempts a JOIN orders o ON o.id = a.order_id
		WHERE `+openCaptureFailure, formatTime(now))
}

// PendingAuthorizations counts the open authorizations staff acted on
// that Antom has not confirmed yet: being captured (a capture
// PROCESSING) and being released (a void: the attempt's cancel
// PROCESSING). OpenAuthorizations leaves them out.
func (q *Queries) PendingAuthorizations(ctx context.Context) (capturing, releasing int, err error) {
	err = q.q.QueryRowContext(ctx, `SELECT
		COUNT(CASE WHEN `+lastCaptureA+` = 'PROCESSING' THEN 1 END),
		COUNT(CASE WHEN a.cancel_status = 'PROCESSING' THEN 1 END)
		FROM payment_attempts a JOIN orders o ON o.id = a.order_id WHERE `+openAuthorization).Scan(&capturing, &releasing)
	if err != nil {
		return 0, 0, fmt.Errorf("db: pending authorizations: %w", err)
	}
	return capturing, releasing, nil
}

// Of an open authorization aliased a (openAuthorization), with the time
// bound to its one "?": releasingBefore, a void sent before that time
// (its cancel PROCESSING since cancel_requested_at, which resends keep)
// that Antom has not confirmed; capturingBefore, its newest capture,
// made before that time, still PROCESSING (a resend keeps its
// created_at). The twins of checkout's unconfirmedAfter problems.
const (
	releasingBefore = `a.cancel_status = 'PROCESSING' AND a.cancel_requested_at < ?`
	capturingBefore = `EXISTS (SELECT 1 FROM captures c WHERE c.attempt_id = a.id AND c.status = 'PROCESSING' AND c.created_at < ?
		AND c.id = (SELECT MAX(n.id) FROM captures n WHERE n.attempt_id = a.id))`
)

// CountUnconfirmedBefore counts the open authorizations with a capture
// (capturing) or a void (releasing) sent before a time that Antom has
// not confirmed yet (capturingBefore, releasingBefore): the dashboard's
// captures and voids not confirmed for long.
func (q *Queries) CountUnconfirmedBefore(ctx context.Context, before time.Time) (capturing, releasing int, err error) {
	t := formatTime(before)
	err = q.q.QueryRowContext(ctx, `SELECT
		COUNT(CASE WHEN `+capturingBefore+` THEN 1 END),
		COUNT(CASE WHEN `+releasingBefore+` THEN 1 END)
		FROM payment_attempts a JOIN orders o ON o.id = a.order_id WHERE `+openAuthorization, t, t).Scan(&capturing, &releasing)
	if err != nil {
		return 0, 0, fmt.Errorf("db: unconfirmed before: %w", err)
	}
	return capturing, releasing, nil
}
