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
	ReplayID       int64     // the replay's own inbox row once finished (InsertReplayRow); 0 while it runs
}

// ClaimReplay gives holder (unique to this claim) the replay of
// notification id, started by actor at now, unless the notification has
// a finished replay or one started after staleBefore. It reports whether
// holder got it.
func (q *Queries) ClaimReplay(ctx context.Context, id int64, holder, actor string, now, staleBefore time.Time) (bool, error) {
	return q.changed(ctx, "claim replay", `INSERT INTO notification_replays (notification_id, holder, actor, started_at)
		VALUES (?, ?, ?, ?)
		ON CONFLICT (notification_id) DO UPDATE SET holder = excluded.holder, actor = excluded.actor,
			started_at = excluded.started_at, replay_id = 0
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

// InsertReplayRow adds the inbox row of holder's replay of notification
// id and stores its id with the replay (Replay.ReplayID), in the
// transaction q belongs to, and returns it. Rows QueueNotification kept
// are written first, so ids still rise in the order rows were added. If
// holder no longer holds the replay (another took it over), the row is
// added all the same and the replay keeps the row its holder stores.
func (q *Queries) InsertReplayRow(ctx context.Context, n Notification, id int64, holder string) (int64, error) {
	if err := q.flushInbox(ctx); err != nil {
		return 0, err
	}
	row, err := q.InsertNotification(ctx, n)
	if err != nil {
		return 0, err
	}
	if _, err := q.q.ExecContext(ctx, `UPDATE notification_replays SET replay_id = ?
		WHERE notification_id = ? AND holder = ? AND finished_at = ''`, row, id, holder); err != nil {
		return 0, fmt.Errorf("db: replay row: %w", err)
	}
	return row, nil
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
		err := row.Scan(&r.Actor, &started, &finished, &r.Verdict, &r.ReplayID)
		r.StartedAt, r.FinishedAt = parseTime(started), parseTime(finished)
		if r.FinishedAt.IsZero() {
			r.ReplayID = 0
		}
		return r, err
	}, `SELECT actor, started_at, finished_at, verdict, replay_id FROM notification_replays WHERE notification_id = ?`, id)
}

// ReplaysOf returns the replays claimed for the notifications ids, by
// notification id, each with ReplayID: its own inbox row, stored with it
// (InsertReplayRow), 0 while it runs. Notifications without a replay
// are absent from the map.
func (q *Queries) ReplaysOf(ctx context.Context, ids []int64) (map[int64]Replay, error) {
	if len(ids) == 0 {
		return map[int64]Replay{}, nil
	}
	if err := q.flushInbox(ctx); err != nil {
		return nil, err
	}
	return queryMap(ctx, q.q, "replays", func(row scanner) (int64, Replay, error) {
		var r Replay
		var started, finished string
		err := row.Scan(&r.NotificationID, &r.Actor, &started, &finished, &r.Verdict, &r.ReplayID)
		r.StartedAt, r.FinishedAt = parseTime(started), parseTime(finished)
		if r.FinishedAt.IsZero() {
			r.ReplayID = 0
		}
		return r.NotificationID, r, err
	}, `SELECT r.notification_id, r.actor, r.started_at, r.finished_at, r.verdict, r.replay_id
		FROM notification_replays r WHERE r.notification_id IN (`+placeholders(len(ids))+`)`, appendArgs(nil, ids...)...)
}

// ReplaySources returns, for those of the inbox rows ids that are a
// finished replay's own row (Replay.ReplayID), the notification each
// replays: replay row id → notification id. Other rows are absent.
func (q *Queries) ReplaySources(ctx context.Context, ids []int64) (map[int64]int64, error) {
	if len(ids) == 0 {
		return map[int64]int64{}, nil
	}
	if err := q.flushInbox(ctx); err != nil {
		return nil, err
	}
	return queryMap(ctx, q.q, "replay sources", func(row scanner) (replay, of int64, err error) {
		err = row.Scan(&replay, &of)
		return replay, of, err
	}, `SELECT replay_id, notification_id FROM notification_replays
		WHERE finished_at <> '' AND replay_id IN (`+placeholders(len(ids))+`)`, appendArgs(nil, ids...)...)
}
