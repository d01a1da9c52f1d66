package db

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strings"
	"time"
)

const notificationColumns = `id, received_at, kind, request_time, body_sealed, body_redacted, verdict, detail, subject, awaits, settled_by, awaits_attempt, reapply_failures, reviewed_at, reviewed_by, review_note`

func scanNotification(row scanner) (Notification, error) {
	var n Notification
	var received, reviewed string
	err := row.Scan(&n.ID, &received, &n.Kind, &n.RequestTime, &n.BodySealed, &n.BodyRedacted, &n.Verdict, &n.Detail, &n.Subject,
		&n.Awaits, &n.SettledBy, &n.AwaitsAttempt, &n.ReapplyFailures, &reviewed, &n.ReviewedBy, &n.ReviewNote)
	n.ReceivedAt = parseTime(received)
	if reviewed != "" {
		n.ReviewedAt = parseTime(reviewed)
	}
	return n, err
}

// NotificationsPage returns inbox rows, newest first, optionally only
// those with a verdict.
func (q *Queries) NotificationsPage(ctx context.Context, verdict string, limit, offset int) ([]Notification, error) {
	return q.NotificationsPageSince(ctx, verdict, time.Time{}, limit, offset)
}

// NotificationsPageSince returns inbox rows, newest first, optionally
// only those with a verdict ("" for any) and only those received at or
// after since (zero for any time). A deferred row dealt with since
// (SettledBy), or a quarantined one staff marked reviewed (ReviewedAt),
// no longer has the verdict it arrived with: only "" lists it.
func (q *Queries) NotificationsPageSince(ctx context.Context, verdict string, since time.Time, limit, offset int) ([]Notification, error) {
	if err := q.flushInbox(ctx); err != nil {
		return nil, err
	}
	conds, args := []string{}, []any{}
	if verdict != "" {
		conds, args = append(conds, "verdict = ? AND settled_by = 0 AND reviewed_at = ''"), append(args, verdict)
	}
	if !since.IsZero() {
		conds, args = append(conds, "received_at >= ?"), append(args, formatTime(since))
	}
	where := ""
	if len(conds) > 0 {
		where = "WHERE " + strings.Join(conds, " AND ")
	}
	args = append(args, limit, offset)
	return queryAll(ctx, q.q, "notifications", scanNotification, `SELECT `+notificationColumns+` FROM notifications `+where+`
		ORDER BY id DESC LIMIT ? OFFSET ?`, args...)
}

// NotificationByID returns one inbox row; ErrNotFound if there is none.
func (q *Queries) NotificationByID(ctx context.Context, id int64) (Notification, error) {
	if err := q.flushInbox(ctx); err != nil {
		return Notification{}, err
	}
	n, err := scanNotification(q.q.QueryRowContext(ctx, `SELECT `+notificationColumns+` FROM notifications WHERE id = ?`, id))
	if errors.Is(err, sql.ErrNoRows) {
		return Notification{}, ErrNotFound
	}
	if err != nil {
		return Notification{}, fmt.Errorf("db: notification: %w", err)
	}
	return n, nil
}
