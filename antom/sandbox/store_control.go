package sandbox

import (
	"context"
	"database/sql"
	"fmt"
	"time"
)

// recentNotifications returns the newest notifications with their attempts,
// for the control page.
func (s *Sandbox) recentNotifications(ctx context.Context, limit int) ([]notificationView, error) {
	rows, err := s.db.QueryContext(ctx, `
		SELECT id, kind, client_id, notify_url, status, held, attempts, created_at, next_at
		FROM notifications ORDER BY id DESC LIMIT ?`, limit)
	if err != nil {
		return nil, fmt.Errorf("sandbox: recent notifications: %w", err)
	}
	defer rows.Close()
	var out []notificationView
	byID := make(map[int64]int)
	for rows.Next() {
		var v notificationView
		var created int64
		var next sql.NullInt64
		if err := rows.Scan(&v.ID, &v.Kind, &v.ClientID, &v.Target, &v.Status, &v.Held, &v.Attempts, &created, &next); err != nil {
			return nil, fmt.Errorf("sandbox: recent notifications: %w", err)
		}
		v.CreatedAt = displayTime(time.UnixMilli(created))
		if next.Valid {
			v.NextAt = displayTime(time.UnixMilli(next.Int64))
		}
		byID[v.ID] = len(out)
		out = append(out, v)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("sandbox: recent notifications: %w", err)
	}
	if len(out) == 0 {
		return out, nil
	}
	return out, s.attachAttempts(ctx, out, byID, out[len(out)-1].ID)
}

// attachAttempts adds the attempts of notifications with id ≥ minID to
// views (indexed by byID).
func (s *Sandbox) attachAttempts(ctx context.Context, views []notificationView, byID map[int64]int, minID int64) error {
	rows, err := s.db.QueryContext(ctx, `
		SELECT notification_id, attempt, at, http_status, acked, error
		FROM notification_attempts WHERE notification_id >= ?
		ORDER BY notification_id, id`, minID)
	if err != nil {
		return fmt.Errorf("sandbox: notification attempts: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		var id, at int64
		var a attemptView
		if err := rows.Scan(&id, &a.Attempt, &at, &a.HTTPStatus, &a.Acked, &a.Err); err != nil {
			return fmt.Errorf("sandbox: notification attempts: %w", err)
		}
		a.At = displayTime(time.UnixMilli(at))
		if i, ok := byID[id]; ok {
			views[i].Tries = append(views[i].Tries, a)
		}
	}
	if err := rows.Err(); err != nil {
		return fmt.Errorf("sandbox: notification attempts: %w", err)
	}
	return nil
}
