package db

import (
	"context"
	"fmt"
	"time"
)

// Notification is one row of the inbox: a notification as received and
// what we made of it. BodySealed holds the raw bytes encrypted (they can
// carry tokens); BodyRedacted is safe to show.
type Notification struct {
	ID           int64
	ReceivedAt   time.Time
	Kind         string
	RequestTime  string
	BodySealed   []byte
	BodyRedacted string
	Verdict      string
	Detail       string
	Subject      string // the timeline it went to ("order:ORD-…"), "" if none
}

// InsertNotification adds a notification to the inbox and returns its id.
func (q *Queries) InsertNotification(ctx context.Context, n Notification) (int64, error) {
	id, err := insertID(ctx, q.q, `INSERT INTO notifications
		(received_at, kind, request_time, body_sealed, body_redacted, verdict, detail, subject)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?) RETURNING id`,
		formatTime(n.ReceivedAt), n.Kind, n.RequestTime, n.BodySealed, n.BodyRedacted, n.Verdict, n.Detail, n.Subject)
	if err != nil {
		return 0, fmt.Errorf("db: insert notification: %w", err)
	}
	return id, nil
}

// RecentNotifications returns the newest notifications first.
func (q *Queries) RecentNotifications(ctx context.Context, limit int) ([]Notification, error) {
	rows, err := q.q.QueryContext(ctx, `SELECT id, received_at, kind, request_time, body_sealed,
		body_redacted, verdict, detail FROM notifications ORDER BY id DESC LIMIT ?`, limit)
	if err != nil {
		return nil, fmt.Errorf("db: recent notifications: %w", err)
	}
	defer rows.Close()
	var out []Notification
	for rows.Next() {
		var n Notification
		var received string
		if err := rows.Scan(&n.ID, &received, &n.Kind, &n.RequestTime, &n.BodySealed,
			&n.BodyRedacted, &n.Verdict, &n.Detail); err != nil {
			return nil, fmt.Errorf("db: recent notifications: %w", err)
		}
		n.ReceivedAt = parseTime(received)
		out = append(out, n)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("db: recent notifications: %w", err)
	}
	return out, nil
}
