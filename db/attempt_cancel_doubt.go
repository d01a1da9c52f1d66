package db

import (
	"context"
	"time"
)

// CancelDoubtSince returns when the reconciler first found the cancel of
// attempt id in doubt (Antom's SUCCESS came while the cancel was
// unanswered: SettleAttempt), recording now if this is the first time:
// never before the doubt began. ErrNotFound if the attempt's cancel is
// not in doubt.
func (q *Queries) CancelDoubtSince(ctx context.Context, id int64, now time.Time) (time.Time, error) {
	return queryOne(ctx, q.q, "cancel doubt since", func(row scanner) (time.Time, error) {
		var since string
		err := row.Scan(&since)
		return parseTime(since), err
	}, `UPDATE payment_attempts SET doubt_since = CASE WHEN doubt_since = '' THEN ? ELSE doubt_since END
		WHERE id = ? AND cancel_status = 'IN_DOUBT' RETURNING doubt_since`, formatTime(now), id)
}
