package db

import (
	"context"
	"time"
)

// CancelSends returns how often the cancel of attempt id now PROCESSING
// has been sent without an answer (RetryCancelAt; RequestCancel starts a
// new cancel from 0). ErrNotFound if there is no such attempt.
func (q *Queries) CancelSends(ctx context.Context, id int64) (int, error) {
	return queryOne(ctx, q.q, "cancel sends", func(row scanner) (int, error) {
		var n int
		err := row.Scan(&n)
		return n, err
	}, `SELECT cancel_sends FROM payment_attempts WHERE id = ?`, id)
}

// RetryCancelAt counts one send of a PROCESSING cancel that got no
// answer and sets when to send it again (next), provided the count is
// still seen: two workers cannot both count the same send, and a cancel
// ended meanwhile (answered, or the attempt settled by a notification)
// is left alone. It reports whether it counted.
func (q *Queries) RetryCancelAt(ctx context.Context, id int64, seen int, next, now time.Time) (bool, error) {
	return q.changed(ctx, "retry cancel", `UPDATE payment_attempts SET cancel_sends = cancel_sends + 1,
		next_check_at = ?, updated_at = ? WHERE id = ? AND cancel_status = 'PROCESSING' AND cancel_sends = ?`,
		formatTime(next), formatTime(now), id, seen)
}
