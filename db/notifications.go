package db

import (
	"context"
	"fmt"
	"strings"
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
	// Awaits is, for a deferred row, the paymentId it waits for: once a
	// payment of ours has it, the row is re-applied (DeferredReady).
	Awaits string
	// SettledBy is, for a deferred or quarantined row, the inbox row
	// whose application (a replay of it, or of a replay of it) dealt with
	// it since; 0 while it still waits (SettleDeferred).
	SettledBy int64
	// AwaitsAttempt is, for a deferred row, the highest id of the payment
	// attempts it waits for (those waiting for their paymentId when it
	// first came): once none of them waits, no payment of ours can get
	// Awaits, and it is settled as what it is (DeferredUnawaited).
	AwaitsAttempt int64
	// ReapplyFailures is how often re-applying a deferred row failed
	// (DeferredFailed); at maxReapplyFailures it is set aside for staff.
	ReapplyFailures int
	// ReviewedAt, ReviewedBy and ReviewNote are, for a quarantined row
	// that no replay can resolve, staff's "Mark reviewed" of it: when, who
	// and their note ("" for none); zero while it waits for staff
	// (ReviewNotification). Only reads fill them.
	ReviewedAt             time.Time
	ReviewedBy, ReviewNote string
}

// InsertNotification adds a notification to the inbox and returns its id.
func (q *Queries) InsertNotification(ctx context.Context, n Notification) (int64, error) {
	id, err := insertID(ctx, q.q, `INSERT INTO notifications
		(received_at, kind, request_time, body_sealed, body_redacted, verdict, detail, subject, awaits, settled_by, awaits_attempt)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id`,
		formatTime(n.ReceivedAt), n.Kind, n.RequestTime, n.BodySealed, n.BodyRedacted, n.Verdict, n.Detail, n.Subject,
		n.Awaits, n.SettledBy, n.AwaitsAttempt)
	if err != nil {
		return 0, fmt.Errorf("db: insert notification: %w", err)
	}
	return id, nil
}

// QueueNotification adds a notification to the inbox when its id is not
// needed. In a transaction (DB.Tx) the row is kept and written with the
// transaction's others in one statement just before it commits (in the
// order they were queued: ids rise in that order), which saves a
// statement — on PostgreSQL a round trip — per notification; the inbox
// reads here write what is kept first. A Savepoint that fails drops the
// rows queued in it. Outside a transaction it is written at once.
func (q *Queries) QueueNotification(ctx context.Context, n Notification) error {
	if q.inbox != nil {
		*q.inbox = append(*q.inbox, n)
		return nil
	}
	return insertNotifications(ctx, q.q, []Notification{n})
}

// flushInbox writes the rows QueueNotification kept in this transaction.
func (q *Queries) flushInbox(ctx context.Context) error {
	if q.inbox == nil || len(*q.inbox) == 0 {
		return nil
	}
	err := insertNotifications(ctx, q.q, *q.inbox)
	// A new slice, not the old one emptied: a Savepoint may still hold
	// the old one, to keep its rows again if it rolls back.
	*q.inbox = nil
	return err
}

// flushPending writes what the transaction kept to write before it
// commits: timeline entries and inbox rows.
func (q *Queries) flushPending(ctx context.Context) error {
	if err := q.flushEvents(ctx); err != nil {
		return err
	}
	return q.flushInbox(ctx)
}

// insertNotifications writes inbox rows in order, in a statement per
// rowChunks (at most 704 parameters: well inside both backends' limits).
func insertNotifications(ctx context.Context, q querier, rows []Notification) error {
	for _, st := range notificationInserts(rows) {
		if _, err := q.ExecContext(ctx, st.query, st.args...); err != nil {
			return fmt.Errorf("db: insert notification: %w", err)
		}
	}
	return nil
}

// notificationInserts are the statements that write rows in order.
func notificationInserts(rows []Notification) []statement {
	var out []statement
	for _, n := range rowChunks(len(rows)) {
		var sb strings.Builder
		sb.WriteString(`INSERT INTO notifications
		(received_at, kind, request_time, body_sealed, body_redacted, verdict, detail, subject, awaits, settled_by, awaits_attempt) VALUES `)
		args := make([]any, 0, 11*n)
		for i, r := range rows[:n] {
			if i > 0 {
				sb.WriteString(", ")
			}
			sb.WriteString("(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")
			args = append(args, formatTime(r.ReceivedAt), r.Kind, r.RequestTime, r.BodySealed, r.BodyRedacted, r.Verdict, r.Detail, r.Subject,
				r.Awaits, r.SettledBy, r.AwaitsAttempt)
		}
		out = append(out, statement{sb.String(), args})
		rows = rows[n:]
	}
	return out
}

// RecentNotifications returns the newest notifications first.
func (q *Queries) RecentNotifications(ctx context.Context, limit int) ([]Notification, error) {
	if err := q.flushInbox(ctx); err != nil {
		return nil, err
	}
	return queryAll(ctx, q.q, "recent notifications", func(row scanner) (Notification, error) {
		var n Notification
		var received string
		err := row.Scan(&n.ID, &received, &n.Kind, &n.RequestTime, &n.BodySealed,
			&n.BodyRedacted, &n.Verdict, &n.Detail)
		n.ReceivedAt = parseTime(received)
		return n, err
	}, `SELECT id, received_at, kind, request_time, body_sealed,
		body_redacted, verdict, detail FROM notifications ORDER BY id DESC LIMIT ?`, limit)
}
