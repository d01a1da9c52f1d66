package db

import (
	"context"
	"fmt"
)

// InsertEventID appends to a timeline like InsertEvent and returns the
// event's id: its place in the timeline, which orders by id. An Antom
// call takes its place when it is sent, and SetEventDetail says how it
// ended, so events that happen while it runs come after it.
func (q *Queries) InsertEventID(ctx context.Context, e Event) (int64, error) {
	if err := q.flushEvents(ctx); err != nil {
		return 0, err
	}
	id, err := insertID(ctx, q.q, `INSERT INTO events (at, subject, kind, detail, actor, http_request_id)
		VALUES (?, ?, ?, ?, ?, ?) RETURNING id`,
		formatTime(e.At), e.Subject, e.Kind, e.Detail, e.Actor, e.HTTPRequestID)
	if err != nil {
		return 0, fmt.Errorf("db: insert event: %w", err)
	}
	return id, nil
}

// SetEventDetail rewrites an event's detail, keeping its place and time.
func (q *Queries) SetEventDetail(ctx context.Context, id int64, detail string) error {
	if err := q.flushEvents(ctx); err != nil {
		return err
	}
	if _, err := q.q.ExecContext(ctx, `UPDATE events SET detail = ? WHERE id = ?`, detail, id); err != nil {
		return fmt.Errorf("db: set event detail: %w", err)
	}
	return nil
}
