package db

import "context"

// NotificationVerdicts returns the verdict of each of the inbox rows ids
// that exists: row id → verdict (e.g. of the rows that dealt with others,
// Notification.SettledBy).
func (q *Queries) NotificationVerdicts(ctx context.Context, ids []int64) (map[int64]string, error) {
	if len(ids) == 0 {
		return map[int64]string{}, nil
	}
	if err := q.flushInbox(ctx); err != nil {
		return nil, err
	}
	return queryMap(ctx, q.q, "notification verdicts", func(row scanner) (int64, string, error) {
		var id int64
		var verdict string
		err := row.Scan(&id, &verdict)
		return id, verdict, err
	}, `SELECT id, verdict FROM notifications WHERE id IN (`+placeholders(len(ids))+`)`, appendArgs(nil, ids...)...)
}
