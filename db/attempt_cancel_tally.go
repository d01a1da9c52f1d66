package db

import (
	"context"
	"database/sql"
	"time"
)

// CancelTally is what the cancel of an attempt now PROCESSING has sent
// without an answer: its sends (the backoff's count) and the calls to
// Antom they made, which a send may make several of.
type CancelTally struct {
	Sends int
	// Calls is -1 for a cancel under way before calls were counted
	// (migration 32): how many it made is not known.
	Calls int
}

// CancelTally returns the tally of the cancel of attempt id now PROCESSING
// (RetryCancelAt; RequestCancel starts a new cancel from 0). ErrNotFound
// if there is no such attempt.
func (q *Queries) CancelTally(ctx context.Context, id int64) (CancelTally, error) {
	return queryOne(ctx, q.q, "cancel tally", func(row scanner) (CancelTally, error) {
		var t CancelTally
		var calls sql.NullInt64
		err := row.Scan(&t.Sends, &calls)
		t.Calls = -1
		if calls.Valid {
			t.Calls = int(calls.Int64)
		}
		return t, err
	}, `SELECT cancel_sends, cancel_calls FROM payment_attempts WHERE id = ?`, id)
}

// RetryCancelAt counts one send of a PROCESSING cancel that got no
// answer, and the calls to Antom it made, and sets when to send it again
// (next), provided the count of sends is still seen: two workers cannot
// both count the same send, and a cancel ended meanwhile (answered, or
// the attempt settled by a notification) is left alone. It reports
// whether it counted.
func (q *Queries) RetryCancelAt(ctx context.Context, id int64, seen, calls int, next, now time.Time) (bool, error) {
	return q.changed(ctx, "retry cancel", `UPDATE payment_attempts SET cancel_sends = cancel_sends + 1,
		cancel_calls = cancel_calls + ?, next_check_at = ?, updated_at = ?
		WHERE id = ? AND cancel_status = 'PROCESSING' AND cancel_sends = ?`,
		calls, formatTime(next), formatTime(now), id, seen)
}
