package db

import (
	"context"
	"fmt"
	"time"
)

// Event is one line of a timeline: an Antom call, a notification, a state
// change, a reconciler decision or a staff action. Subject names what it
// belongs to ("order:42", "link:7", "wallet:3").
type Event struct {
	ID      int64
	At      time.Time
	Subject string
	Kind    string
	Detail  string
	Actor   string
	// HTTPRequestID is the X-Request-Id of the request that caused the
	// event; empty for the reconciler's own work.
	HTTPRequestID string
}

// InsertEvent appends to a timeline.
func (q *Queries) InsertEvent(ctx context.Context, e Event) error {
	_, err := q.q.ExecContext(ctx, `INSERT INTO events (at, subject, kind, detail, actor, http_request_id) VALUES (?, ?, ?, ?, ?, ?)`,
		formatTime(e.At), e.Subject, e.Kind, e.Detail, e.Actor, e.HTTPRequestID)
	if err != nil {
		return fmt.Errorf("db: insert event: %w", err)
	}
	return nil
}

// Events returns a subject's timeline, oldest first.
func (q *Queries) Events(ctx context.Context, subject string) ([]Event, error) {
	rows, err := q.q.QueryContext(ctx, `SELECT id, at, subject, kind, detail, actor, http_request_id FROM events
		WHERE subject = ? ORDER BY id`, subject)
	if err != nil {
		return nil, fmt.Errorf("db: events: %w", err)
	}
	defer rows.Close()
	var out []Event
	for rows.Next() {
		var e Event
		var at string
		if err := rows.Scan(&e.ID, &at, &e.Subject, &e.Kind, &e.Detail, &e.Actor, &e.HTTPRequestID); err != nil {
			return nil, fmt.Errorf("db: events: %w", err)
		}
		e.At = parseTime(at)
		out = append(out, e)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("db: events: %w", err)
	}
	return out, nil
}
