package db

import (
	"context"
	"time"
)

// ReviewNotification records staff's "Mark reviewed" of inbox row id: by
// whom, at, and their note ("" for none). Only a row still quarantined
// and waiting for staff — no replay has dealt with it (settled_by 0), not
// reviewed before — is marked; false (nothing written) otherwise: of two
// staff at once, or a form sent twice, one writes. It changes nothing
// else: no verdict, no order, no money.
func (q *Queries) ReviewNotification(ctx context.Context, id int64, by, note string, at time.Time) (bool, error) {
	if err := q.flushInbox(ctx); err != nil {
		return false, err
	}
	return q.changed(ctx, "review notification", `UPDATE notifications SET reviewed_at = ?, reviewed_by = ?, review_note = ?
		WHERE id = ? AND verdict = 'quarantined' AND settled_by = 0 AND reviewed_at = ''`, formatTime(at), by, note, id)
}
