package db

import (
	"context"
	"fmt"
	"time"
)

// A deferred notification (checkout's VerdictDeferred) names a paymentId
// no payment of ours had yet: its inbox row keeps that paymentId
// (Notification.Awaits) so that it is re-applied once a payment has it,
// and says which later row dealt with it (Notification.SettledBy).

// DeferredDue narrows the deferred rows a re-application pass takes:
// those due at Now (never failed, or their backoff, DeferredFailed, run
// out), that failed fewer than MaxFailures times (the others are set
// aside for staff), fewest failures first then oldest, at most Limit. A
// row that fails every time so goes behind the others: it never keeps
// them waiting.
type DeferredDue struct {
	Now         time.Time
	MaxFailures int
	Limit       int
}

// deferredDue is DeferredDue's conditions on notifications n, with their
// arguments, and its order and limit.
func deferredDue(due DeferredDue) (where string, args []any, tail string, tailArgs []any) {
	return ` AND n.reapply_failures < ? AND (n.reapply_at = '' OR n.reapply_at <= ?)`,
		[]any{due.MaxFailures, formatTime(due.Now)},
		` ORDER BY n.reapply_failures, n.id LIMIT ?`, []any{due.Limit}
}

// DeferredReady returns the ids of deferred inbox rows that wait for
// paymentID ("" for any) now that a payment attempt of ours has it,
// still unsettled and with no finished replay of their own (a deferred
// row replayed while still deferred is left to its replay's row, which
// waits in its place), as due narrows them. A row whose replay is still
// running is listed: replaying it again answers that it is running.
func (q *Queries) DeferredReady(ctx context.Context, paymentID string, due DeferredDue) ([]int64, error) {
	if err := q.flushInbox(ctx); err != nil {
		return nil, err
	}
	where, args := ``, []any{}
	if paymentID != "" {
		where, args = ` AND n.awaits = ?`, append(args, paymentID)
	}
	dueWhere, dueArgs, tail, tailArgs := deferredDue(due)
	args = append(append(args, dueArgs...), tailArgs...)
	return queryAll(ctx, q.q, "deferred notifications", scanID, `SELECT n.id FROM notifications n
		WHERE n.awaits <> '' AND n.settled_by = 0`+where+` AND n.verdict = 'deferred'
			AND EXISTS (SELECT 1 FROM payment_attempts a WHERE a.payment_id = n.awaits)
			AND NOT EXISTS (SELECT 1 FROM notification_replays r WHERE r.notification_id = n.id AND r.finished_at <> '')`+
		dueWhere+tail, args...)
}

// DeferredUnawaited returns the ids of deferred inbox rows no payment of
// ours can be the one for any more: no attempt has their paymentId, and
// none of the attempts they wait for (AwaitsAttempt and older, card in
// captureMode) still waits for its paymentId — each got another or was
// closed without. Re-applied, such a row is settled as what it is (a
// capture of a payment we do not know). Unsettled, with no finished
// replay of their own, as due narrows them.
func (q *Queries) DeferredUnawaited(ctx context.Context, captureMode string, due DeferredDue) ([]int64, error) {
	if err := q.flushInbox(ctx); err != nil {
		return nil, err
	}
	dueWhere, dueArgs, tail, tailArgs := deferredDue(due)
	args := append(append([]any{MethodCard, captureMode}, dueArgs...), tailArgs...)
	return queryAll(ctx, q.q, "unawaited deferred notifications", scanID, `SELECT n.id FROM notifications n
		WHERE n.awaits <> '' AND n.settled_by = 0 AND n.verdict = 'deferred' AND n.awaits_attempt > 0
			AND NOT EXISTS (SELECT 1 FROM payment_attempts a WHERE a.payment_id = n.awaits)
			AND NOT EXISTS (SELECT 1 FROM payment_attempts a WHERE a.id <= n.awaits_attempt
				AND a.status = 'PROCESSING' AND a.payment_id = '' AND a.method = ? AND a.capture_mode = ?)
			AND NOT EXISTS (SELECT 1 FROM notification_replays r WHERE r.notification_id = n.id AND r.finished_at <> '')`+
		dueWhere+tail, args...)
}

// DeferralBound returns the lowest AwaitsAttempt of the deferred rows,
// settled or not, that wait(ed) for paymentID: the attempts a copy of
// that notification (Antom's resend, a replay) can still be about; 0 if
// no such row has one.
func (q *Queries) DeferralBound(ctx context.Context, paymentID string) (int64, error) {
	if err := q.flushInbox(ctx); err != nil {
		return 0, err
	}
	var bound int64
	if err := q.q.QueryRowContext(ctx, `SELECT COALESCE(MIN(awaits_attempt), 0) FROM notifications
		WHERE awaits = ? AND verdict = 'deferred' AND awaits_attempt > 0`, paymentID).Scan(&bound); err != nil {
		return 0, fmt.Errorf("db: deferral bound: %w", err)
	}
	return bound, nil
}

// DeferredFailed records that re-applying deferred row id failed once
// more at now: it is tried again no sooner than next, and has failed
// the returned number of times.
func (q *Queries) DeferredFailed(ctx context.Context, id int64, next time.Time) (int, error) {
	var failures int
	if err := q.q.QueryRowContext(ctx, `UPDATE notifications SET reapply_failures = reapply_failures + 1, reapply_at = ?
		WHERE id = ? RETURNING reapply_failures`, formatTime(next), id).Scan(&failures); err != nil {
		return 0, fmt.Errorf("db: deferred failed: %w", err)
	}
	return failures, nil
}

// SettleDeferred records that inbox row by, a replay of row of that was
// not deferred again, dealt with of and with every row of is the replay
// of (a replay of a replay …) that still waits for staff or for a
// payment — deferred or quarantined, unsettled: they are open problems
// no longer (a quarantined row's replay, if quarantined again, is the
// open one now). Run in the transaction that adds row by.
func (q *Queries) SettleDeferred(ctx context.Context, of, by int64) error {
	if err := q.flushInbox(ctx); err != nil {
		return err
	}
	if _, err := q.q.ExecContext(ctx, `UPDATE notifications SET settled_by = ?
		WHERE verdict IN ('deferred', 'quarantined') AND settled_by = 0 AND id IN (
			WITH RECURSIVE up(id) AS (SELECT CAST(? AS BIGINT)
				UNION SELECT r.notification_id FROM notification_replays r JOIN up ON r.replay_id = up.id)
			SELECT id FROM up)`, by, of); err != nil {
		return fmt.Errorf("db: settle deferred: %w", err)
	}
	return nil
}
