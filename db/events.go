package db

import (
	"context"
	"fmt"
	"strings"
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

// InsertEvent appends to a timeline. In a transaction (DB.Tx) the entry
// is written with the transaction's others in one statement just before
// it commits, in the order they were added; anything in the transaction
// that reads or numbers events (Events, InsertEventID) writes them first.
func (q *Queries) InsertEvent(ctx context.Context, e Event) error {
	if q.pending != nil {
		*q.pending = append(*q.pending, e)
		return nil
	}
	return insertEvents(ctx, q.q, []Event{e})
}

// flushEvents writes the events InsertEvent kept in this transaction.
func (q *Queries) flushEvents(ctx context.Context) error {
	if q.pending == nil || len(*q.pending) == 0 {
		return nil
	}
	err := insertEvents(ctx, q.q, *q.pending)
	// A new slice, not the old one emptied: a Savepoint may still hold
	// the old one, to keep its entries again if it rolls back.
	*q.pending = nil
	return err
}

// insertEvents writes events in order, in a statement per rowChunks.
func insertEvents(ctx context.Context, q querier, events []Event) error {
	for _, st := range eventInserts(events) {
		if _, err := q.ExecContext(ctx, st.query, st.args...); err != nil {
			return fmt.Errorf("db: insert event: %w", err)
		}
	}
	return nil
}

// statement is a portable query and its arguments.
type statement struct {
	query string
	args  []any
}

// eventInserts returns the statements that write events in order, one
// per rowChunks.
func eventInserts(events []Event) []statement {
	var out []statement
	for _, n := range rowChunks(len(events)) {
		var sb strings.Builder
		sb.WriteString(`INSERT INTO events (at, subject, kind, detail, actor, http_request_id) VALUES `)
		args := make([]any, 0, 6*n)
		for i, e := range events[:n] {
			if i > 0 {
				sb.WriteString(", ")
			}
			sb.WriteString("(?, ?, ?, ?, ?, ?)")
			args = append(args, formatTime(e.At), e.Subject, e.Kind, e.Detail, e.Actor, e.HTTPRequestID)
		}
		out = append(out, statement{sb.String(), args})
		events = events[n:]
	}
	return out
}

// Events returns a subject's timeline, oldest first.
func (q *Queries) Events(ctx context.Context, subject string) ([]Event, error) {
	if err := q.flushEvents(ctx); err != nil {
		return nil, err
	}
	return queryAll(ctx, q.q, "events", scanEvent, subjectEvents, subject)
}

// subjectEvents is Events' query.
const subjectEvents = `SELECT id, at, subject, kind, detail, actor, http_request_id FROM events
		WHERE subject = ? ORDER BY id`

func scanEvent(row scanner) (Event, error) {
	var e Event
	var at string
	err := row.Scan(&e.ID, &at, &e.Subject, &e.Kind, &e.Detail, &e.Actor, &e.HTTPRequestID)
	e.At = parseTime(at)
	return e, err
}
