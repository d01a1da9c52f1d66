package db

import (
	"context"
	"fmt"
	"time"
)

// A stored notification is replayed by staff at most once: the first to
// ask claims its replay here, and everyone else, at the same moment or
// later, is told of that replay. To run it again, staff replay the
// replay's own inbox row. A claim whose replay never finished (its app
// instance died) may be taken over once it is stale.

// Replay is the replay of one stored notification.
type Replay struct {
	NotificationID int64
	Actor          string    // who asked for it
	StartedAt      time.Time // when it was claimed
	FinishedAt     time.Time // zero while it runs
	Verdict        string    // the replay's verdict once finished
}

// ClaimReplay gives holder (unique to this claim) the replay of
// notification id, started by actor at now, unless the notification has
// a finished replay or one started after staleBefore. It reports whether
// holder got it.
func (q *Queries) ClaimReplay(ctx context.Context, id int64, holder, actor string, now, staleBefore time.Time) (bool, error) {
	return q.changed(ctx, "claim replay", `INSERT INTO notification_replays (notification_id, holder, actor, started_at)
		VALUES (?, ?, ?, ?)
		ON CONFLICT (notification_id) DO UPDATE SET holder = excluded.holder, actor = excluded.actor,
			started_at = excluded.started_at
		WHERE notification_replays.finished_at = '' AND notification_replays.started_at < ?`,
		id, holder, actor, formatTime(now), formatTime(staleBefore))
}

// FinishReplay stores the verdict of holder's replay of notification id,
// finished at; nothing happens if holder no longer holds it.
func (q *Queries) FinishReplay(ctx context.Context, id int64, holder, verdict string, at time.Time) error {
	if _, err := q.q.ExecContext(ctx, `UPDATE notification_replays SET finished_at = ?, verdict = ?
		WHERE notification_id = ? AND holder = ? AND finished_at = ''`, formatTime(at), verdict, id, holder); err != nil {
		return fmt.Errorf("db: finish replay: %w", err)
	}
	return nil
}

// DropReplay forgets holder's unfinished replay of notification id (it
// failed before storing anything), so that staff may ask again.
func (q *Queries) DropReplay(ctx context.Context, id int64, holder string) error {
	if _, err := q.q.ExecContext(ctx, `DELETE FROM notification_replays
		WHERE notification_id = ? AND holder = ? AND finished_at = ''`, id, holder); err != nil {
		return fmt.Errorf("db: drop replay: %w", err)
	}
	return nil
}

// ReplayOf returns the replay of notification id; ErrNotFound if there is
// none.
func (q *Queries) ReplayOf(ctx context.Context, id int64) (Replay, error) {
	return queryOne(ctx, q.q, "replay", func(row scanner) (Replay, error) {
		r := Replay{NotificationID: id}
		var started, finished string
		err := row.Scan(&r.Actor, &started, &finished, &r.Verdict)
		r.StartedAt, r.FinishedAt = parseTime(started), parseTime(finished)
		return r, err
	}, `SELECT actor, started_at, finished_at, verdict FROM notification_replays WHERE notification_id = ?`, id)
}
