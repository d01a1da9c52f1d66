package db

import "context"

// StaleUnlinked lists, newest first and up to limit, the inbox rows of
// kind (a notifyType: "REFUND_RESULT") that were applied as stale and
// went to no timeline (an empty subject): a notification naming what we did not
// know, such as a refund made outside this app.
func (q *Queries) StaleUnlinked(ctx context.Context, kind string, limit int) ([]Notification, error) {
	if err := q.flushInbox(ctx); err != nil {
		return nil, err
	}
	return queryAll(ctx, q.q, "stale unlinked notifications", scanNotification, `SELECT `+notificationColumns+`
		FROM notifications WHERE kind = ? AND verdict = 'stale' AND subject = '' ORDER BY id DESC LIMIT ?`, kind, limit)
}

// LinkNotification puts a stale inbox row that went to no timeline on
// subject's, with detail in place of its own; it reports whether the row
// was such a row.
func (q *Queries) LinkNotification(ctx context.Context, id int64, subject, detail string) (bool, error) {
	return q.changed(ctx, "link notification", `UPDATE notifications SET subject = ?, detail = ?
		WHERE id = ? AND verdict = 'stale' AND subject = ''`, subject, detail, id)
}
