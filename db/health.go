package db

import (
	"context"
	"errors"
	"fmt"
	"strconv"
	"time"

	"github.com/jackc/pgx/v5/pgconn"
	"modernc.org/sqlite"
	sqlite3 "modernc.org/sqlite/lib"
)

// writeProbeWait is how long the write probe waits for the lock every
// write needs: SQLite's write lock, or on PostgreSQL the advisory lock
// each DB.Tx takes. Giving up is ErrLockWait: the database is up, busy.
// 700 ms: above the few hundred milliseconds a burst of payments queues
// transactions for (a trial of 180 pay presses at once saw 250 ms run
// out), and short enough that the probe still answers within a load
// balancer's one-second check (haproxy's inter 1s bounds its whole
// check): a lock held longer is reported as such, in time, instead of as
// a check that never answered.
const writeProbeWait = 700 * time.Millisecond

// CheckWrite reports whether the database takes a write now, as the
// app's transactions would: on a connection of its own, not one of the
// app's write pool, it takes the lock every write needs and rewrites the
// one row of health_probe, giving up after writeProbeWait on a held lock
// with ErrLockWait — held by a transaction of this instance or of
// another (on SQLite a process: an instance, a backup, a shell). It says
// ErrWriteStuck instead when this instance's own hold on the write has
// lasted past writeStuckAfter (ownWriteStuck, poolStuck): every write of
// the instance then waits behind it, whoever else holds the lock. A nil
// error means the write committed. One small row: cheap enough for load
// balancers to call every second.
func (d *DB) CheckWrite(ctx context.Context) error {
	if err := d.ownWriteStuck(); err != nil {
		return fmt.Errorf("db: write probe: %w", err)
	}
	var err error
	if d.d.backend == PostgreSQL {
		err = d.checkWritePostgres(ctx)
	} else {
		err = d.checkWriteSQLite(ctx)
	}
	if stuck := d.poolStuck(err == nil); stuck != nil {
		return fmt.Errorf("db: write probe: %w", stuck)
	}
	if isLockWait(err) {
		return fmt.Errorf("db: write probe: %w: %w", ErrLockWait, err)
	}
	if err != nil {
		return fmt.Errorf("db: write probe: %w", err)
	}
	return nil
}

// ErrLockWait is CheckWrite's error when it gave up waiting for the
// lock every write needs: the database is up but too busy to write now.
var ErrLockWait = errors.New("the write lock was held too long")

// isLockWait recognises a write that waited out its lock: SQLite busy,
// or PostgreSQL's lock_timeout (SQLSTATE 55P03).
func isLockWait(err error) bool {
	var pgErr *pgconn.PgError
	if errors.As(err, &pgErr) {
		return pgErr.Code == "55P03"
	}
	var sqliteErr *sqlite.Error
	return errors.As(err, &sqliteErr) && sqliteErr.Code()&0xff == sqlite3.SQLITE_BUSY
}

// checkWriteSQLite takes the probe's own connection and SQLite's write
// lock on it (BEGIN IMMEDIATE), waiting writeProbeWait for both in all
// (a probe running at once keeps the connection meanwhile), and writes.
// SQLite's busy wait does not end with the context: it is set, on this
// connection of the probe's alone, to what is left of the wait, in whole
// 10 ms (few texts for the connection's statement cache).
func (d *DB) checkWriteSQLite(ctx context.Context) error {
	deadline := time.Now().Add(writeProbeWait)
	wait, cancel := context.WithDeadline(ctx, deadline)
	conn, err := d.probe.Conn(wait)
	cancel()
	if err != nil && ctx.Err() == nil && errors.Is(err, context.DeadlineExceeded) {
		return fmt.Errorf("%w: another probe kept the probe's connection for %v", ErrLockWait, writeProbeWait)
	}
	if err != nil {
		return err
	}
	defer conn.Close()
	busy := max(time.Until(deadline).Truncate(10*time.Millisecond), time.Millisecond)
	if _, err := conn.ExecContext(ctx, "PRAGMA busy_timeout = "+strconv.FormatInt(busy.Milliseconds(), 10)); err != nil {
		return err
	}
	tx, err := conn.BeginTx(ctx, nil) // BEGIN IMMEDIATE: the write lock, or SQLITE_BUSY
	if err != nil {
		return err
	}
	defer tx.Rollback()
	if _, err := tx.ExecContext(ctx, `UPDATE health_probe SET checked_at = ? WHERE id = 1`, formatTime(time.Now())); err != nil {
		return err
	}
	return tx.Commit()
}

// checkWritePostgres takes the probe's own connection and, under a lock
// timeout of what is left of writeProbeWait (a probe running at once
// keeps the connection meanwhile), the lock every DB.Tx takes, and
// writes. A connection that cannot be had ends only with ctx: a server
// that does not answer.
func (d *DB) checkWritePostgres(ctx context.Context) error {
	deadline := time.Now().Add(writeProbeWait)
	tx, err := d.probe.BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	wait := strconv.FormatInt(max(time.Until(deadline).Milliseconds(), 1), 10) + "ms"
	if _, err := tx.ExecContext(ctx, `SELECT set_config('lock_timeout', $1, true)`, wait); err != nil { // SET LOCAL, one text
		return err
	}
	if _, err := tx.ExecContext(ctx, `SELECT pg_advisory_xact_lock($1)`, txLockKey); err != nil {
		return err
	}
	if _, err := tx.ExecContext(ctx, `UPDATE health_probe SET checked_at = $1 WHERE id = 1`, formatTime(time.Now())); err != nil {
		return err
	}
	return tx.Commit()
}
