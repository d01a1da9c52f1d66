package db

import (
	"context"
	"fmt"
)

// A deferred notification (checkout's VerdictDeferred) names a paymentId
// no payment of ours had yet: its inbox row keeps that paymentId
// (Notification.Awaits) so that it is re-applied once a payment has it,
// and says which later row dealt with it (Notification.SettledBy).

// DeferredReady returns the ids of deferred inbox rows, oldest first (at
// most limit), that wait for paymentID ("" for any) now that a payment
// attempt of ours has it, still unsettled and with no finished replay of
// their own (a deferred row replayed while still deferred is left to its
// replay's row, which waits in its place). A row whose replay is still
// running is listed: replaying it again answers that it is running.
func (q *Queries) DeferredReady(ctx context.Context, paymentID string, limit int) ([]int64, error) {
	if err := q.flushInbox(ctx); err != nil {
		return nil, err
	}
	where, args := ``, []any{}
	if paymentID != "" {
		where, args = ` AND n.awaits = ?`, append(args, paymentID)
	}
	args = append(args, limit)
	return queryAll(ctx, q.q, "deferred notifications", func(row scanner) (int64, error) {
		var id int64
		return id, row.Scan(&id)
	}, `SELECT n.id FROM notifications n
		WHERE n.awaits <> '' AND n.settled_by = 0`+where+` AND n.verdict = 'deferred'
			AND EXISTS (SELECT 1 FROM payment_attempts a WHERE a.payment_id = n.awaits)
			AND NOT EXISTS (SELECT 1 FROM notification_replays r WHERE r.notification_id = n.id AND r.finished_at <> '')
		ORDER BY n.id LIMIT ?`, args...)
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
