package db

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"time"
	"unicode/utf8"
)

// Throttling: tries are counted per key (a staff email and client address,
// a buyer email, a client address, refused notifications from an address)
// in a fixed window that starts with the first try.
// The counters live in the database so that every app instance sees the
// same ones.

// SigninFailures returns the failures counted for key in a window that
// started at or after since, and when that window started; 0 when there
// is none.
func (q *Queries) SigninFailures(ctx context.Context, key string, since time.Time) (int, time.Time, error) {
	var n int
	var start string
	err := q.q.QueryRowContext(ctx, `SELECT failures, window_start FROM signin_throttle
		WHERE key = ? AND window_start >= ?`, key, formatTime(since)).Scan(&n, &start)
	if errors.Is(err, sql.ErrNoRows) {
		return 0, time.Time{}, nil
	}
	if err != nil {
		return 0, time.Time{}, fmt.Errorf("db: signin failures: %w", err)
	}
	return n, parseTime(start), nil
}

// AddSigninFailure counts one failure for key. A window that started
// before since is over: the count starts again at one, from now.
func (q *Queries) AddSigninFailure(ctx context.Context, key string, since, now time.Time) error {
	_, err := q.q.ExecContext(ctx, `INSERT INTO signin_throttle (key, failures, window_start) VALUES (?, 1, ?)
		ON CONFLICT (key) DO UPDATE SET
			failures = CASE WHEN signin_throttle.window_start < ? THEN 1 ELSE signin_throttle.failures + 1 END,
			window_start = CASE WHEN signin_throttle.window_start < ? THEN excluded.window_start
				ELSE signin_throttle.window_start END`,
		key, formatTime(now), formatTime(since), formatTime(since))
	if err != nil {
		return fmt.Errorf("db: add signin failure: %w", err)
	}
	return nil
}

// ClearSigninFailures forgets the failures of key (after a sign-in that
// was let through and succeeded).
func (q *Queries) ClearSigninFailures(ctx context.Context, key string) error {
	if _, err := q.q.ExecContext(ctx, `DELETE FROM signin_throttle WHERE key = ?`, key); err != nil {
		return fmt.Errorf("db: clear signin failures: %w", err)
	}
	return nil
}

// SigninWindowCount is one key's counted tries: how many, and when its
// window started.
type SigninWindowCount struct {
	Failures    int
	WindowStart time.Time
}

// ClearSigninFailuresOf forgets the failures of every key that is prefix
// followed by one last part holding no "|" — a staff email's keys
// ("email|address"), from every address, and no other email's (not
// "email|x|address", typed by someone as an email) — and returns the
// counts it forgot. Nothing else is touched: other emails' keys, buyers'
// ("buyer|…") and addresses' ("…|addr:…") keep theirs.
func (q *Queries) ClearSigninFailuresOf(ctx context.Context, prefix string) ([]SigninWindowCount, error) {
	n := utf8.RuneCountInString(prefix) // substr counts characters on both backends
	return queryAll(ctx, q.q, "clear signin failures of", func(row scanner) (SigninWindowCount, error) {
		var c SigninWindowCount
		var start string
		err := row.Scan(&c.Failures, &start)
		c.WindowStart = parseTime(start)
		return c, err
	}, `DELETE FROM signin_throttle WHERE substr(key, 1, ?) = ? AND substr(key, ?) NOT LIKE '%|%'
		RETURNING failures, window_start`, n, prefix, n+1)
}

// UncountSigninFailure takes back one counted try of key (a try that
// succeeded, when the key's other failures must still count).
func (q *Queries) UncountSigninFailure(ctx context.Context, key string) error {
	if _, err := q.q.ExecContext(ctx, `UPDATE signin_throttle SET failures = failures - 1
		WHERE key = ? AND failures > 0`, key); err != nil {
		return fmt.Errorf("db: uncount signin failure: %w", err)
	}
	return nil
}

// PruneSigninFailures deletes windows that started before since.
func (q *Queries) PruneSigninFailures(ctx context.Context, since time.Time) error {
	if _, err := q.q.ExecContext(ctx, `DELETE FROM signin_throttle WHERE window_start < ?`, formatTime(since)); err != nil {
		return fmt.Errorf("db: prune signin failures: %w", err)
	}
	return nil
}
