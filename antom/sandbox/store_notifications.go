package sandbox

import (
	"context"
	"database/sql"
	"fmt"
	"strconv"
	"time"
)

// notification is one outbox row, as the dispatcher needs it.
type notification struct {
	id        int64
	clientID  string
	notifyURL string
	kind      string
	body      []byte
	attempts  int
	held      bool
	nextAt    time.Time
}

// queueNotification inserts n in a transaction of its own.
func (s *Sandbox) queueNotification(ctx context.Context, n notification) error {
	tx, err := s.writer.BeginTx(ctx, nil)
	if err != nil {
		return fmt.Errorf("sandbox: queue notification: %w", err)
	}
	defer tx.Rollback()
	if err := s.insertNotification(ctx, tx, n); err != nil {
		return err
	}
	if err := tx.Commit(); err != nil {
		return fmt.Errorf("sandbox: queue notification: %w", err)
	}
	return nil
}

// insertNotification inserts n within tx and lets notifications held by
// the reorder fault wait for it. The caller kicks the dispatcher after
// committing.
func (s *Sandbox) insertNotification(ctx context.Context, tx *sql.Tx, n notification) error {
	res, err := tx.ExecContext(ctx, `
		INSERT INTO notifications (client_id, notify_url, kind, body, status, next_at, held, created_at)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
		n.clientID, n.notifyURL, n.kind, n.body, statusPending, ceilMilli(n.nextAt), n.held, s.now().UnixMilli())
	if err != nil {
		return fmt.Errorf("sandbox: queue notification: %w", err)
	}
	id, err := res.LastInsertId()
	if err != nil {
		return fmt.Errorf("sandbox: queue notification: %w", err)
	}
	_, err = tx.ExecContext(ctx, `
		UPDATE notifications SET release_after = ?
		WHERE held = 1 AND release_after IS NULL AND status = ? AND id <> ?`,
		id, statusPending, id)
	if err != nil {
		return fmt.Errorf("sandbox: queue notification: %w", err)
	}
	return nil
}

// upcomingNotifications returns up to limit pending notifications, the
// earliest due first.
func (s *Sandbox) upcomingNotifications(ctx context.Context, limit int) ([]notification, error) {
	// The limit is written into the query, not bound: SQLite plans a
	// statement with a bound LIMIT for its value, so it would prepare it
	// anew on every poll (a third of the sandbox's CPU besides RSA).
	rows, err := s.db.QueryContext(ctx, `
		SELECT id, client_id, notify_url, kind, body, attempts, held, next_at
		FROM notifications WHERE status = ?
		ORDER BY next_at, id LIMIT `+strconv.Itoa(limit), statusPending)
	if err != nil {
		return nil, fmt.Errorf("sandbox: pending notifications: %w", err)
	}
	defer rows.Close()
	var out []notification
	for rows.Next() {
		var n notification
		var nextAt int64
		if err := rows.Scan(&n.id, &n.clientID, &n.notifyURL, &n.kind, &n.body, &n.attempts, &n.held, &nextAt); err != nil {
			return nil, fmt.Errorf("sandbox: pending notifications: %w", err)
		}
		n.nextAt = time.UnixMilli(nextAt)
		out = append(out, n)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("sandbox: pending notifications: %w", err)
	}
	return out, nil
}

// recordAttempt stores the outcome of an attempt on n made at the given
// time, moves n to its next state and releases the notifications the
// reorder fault held back until n was sent.
func (s *Sandbox) recordAttempt(ctx context.Context, n notification, a attempt, at time.Time) (attemptEvent, error) {
	done := n.attempts + 1
	status, next := s.nextState(done, a.acked, at)
	ev := attemptEvent{id: n.id, attempt: done, result: a, status: status}
	tx, err := s.writer.BeginTx(ctx, nil)
	if err != nil {
		return ev, fmt.Errorf("sandbox: record attempt: %w", err)
	}
	defer tx.Rollback()
	if _, err := tx.ExecContext(ctx, `
		INSERT INTO notification_attempts (notification_id, attempt, at, http_status, acked, error)
		VALUES (?, ?, ?, ?, ?, ?)`,
		n.id, done, at.UnixMilli(), a.httpStatus, a.acked, a.err); err != nil {
		return ev, fmt.Errorf("sandbox: record attempt: %w", err)
	}
	var nextAt sql.NullInt64
	if status == statusPending {
		nextAt = sql.NullInt64{Int64: ceilMilli(next), Valid: true}
	}
	if _, err := tx.ExecContext(ctx, `
		UPDATE notifications SET attempts = ?, status = ?, next_at = ?, held = 0 WHERE id = ?`,
		done, status, nextAt, n.id); err != nil {
		return ev, fmt.Errorf("sandbox: record attempt: %w", err)
	}
	if _, err := tx.ExecContext(ctx, `
		UPDATE notifications SET held = 0, next_at = ?
		WHERE held = 1 AND release_after = ? AND status = ?`,
		at.UnixMilli(), n.id, statusPending); err != nil {
		return ev, fmt.Errorf("sandbox: record attempt: %w", err)
	}
	if err := tx.Commit(); err != nil {
		return ev, fmt.Errorf("sandbox: record attempt: %w", err)
	}
	return ev, nil
}

// ceilMilli is t in unix milliseconds, rounded up so that a notification is
// never sent before its time.
func ceilMilli(t time.Time) int64 {
	ms := t.UnixMilli()
	if time.UnixMilli(ms).Before(t) {
		ms++
	}
	return ms
}
