package db

import (
	"context"
	"database/sql/driver"
	"errors"
	"fmt"
	"time"

	"github.com/jackc/pgx/v5/pgconn"
	"modernc.org/sqlite"
	sqlite3 "modernc.org/sqlite/lib"
)

// writeProbeWait is how long the write probe waits for the lock every
// write needs: SQLite's write lock (and the app's one write connection),
// or on PostgreSQL the advisory lock each DB.Tx takes. Giving up is
// ErrLockWait: the database is up, busy. 700 ms: above the few hundred
// milliseconds a burst of payments queues transactions for (a trial of
// 180 pay presses at once saw 250 ms run out), and short enough that the
// probe still answers within a load balancer's one-second check (haproxy's
// inter 1s bounds its whole check): a lock held longer is reported as
// such, in time, instead of as a check that never answered.
const writeProbeWait = 700 * time.Millisecond

// CheckWrite reports whether the database takes a write now, as the
// app's transactions would: it rewrites the one row of health_probe,
// giving up after writeProbeWait on a held lock with ErrLockWait (on
// SQLite also when the app's one write connection stays in use that
// long; on PostgreSQL a wait for one of the pool's connections ends only
// with ctx, as it cannot be told from a server that does not answer). A
// nil error means the write committed. One small row: cheap enough for
// load balancers to call every second.
func (d *DB) CheckWrite(ctx context.Context) error {
	var err error
	if d.d.backend == PostgreSQL {
		err = d.checkWritePostgres(ctx)
	} else {
		err = d.checkWriteSQLite(ctx)
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

// checkWriteSQLite waits writeProbeWait in all for the app's one write
// connection (held by a transaction of the app's: the write lock in
// this process) and then for SQLite's write lock (another process's),
// shortening SQLite's busy wait on that connection for the one
// statement: the wait does not end with the context.
func (d *DB) checkWriteSQLite(ctx context.Context) error {
	deadline := time.Now().Add(writeProbeWait)
	wait, cancel := context.WithDeadline(ctx, deadline)
	conn, err := d.sql.Conn(wait)
	cancel()
	if err != nil && ctx.Err() == nil && errors.Is(err, context.DeadlineExceeded) {
		return fmt.Errorf("%w: the write connection stayed in use for %v", ErrLockWait, writeProbeWait)
	}
	if err != nil {
		return err
	}
	defer conn.Close()
	var normal int
	if err := conn.QueryRowContext(ctx, `PRAGMA busy_timeout`).Scan(&normal); err != nil {
		return err
	}
	busy := max(time.Until(deadline).Milliseconds(), 1)
	if _, err := conn.ExecContext(ctx, fmt.Sprintf(`PRAGMA busy_timeout = %d`, busy)); err != nil {
		return err
	}
	_, probeErr := conn.ExecContext(ctx, `UPDATE health_probe SET checked_at = ? WHERE id = 1`, formatTime(time.Now()))
	// The connection goes back to the app: restore its wait, or drop it.
	if _, err := conn.ExecContext(context.WithoutCancel(ctx), fmt.Sprintf(`PRAGMA busy_timeout = %d`, normal)); err != nil {
		conn.Raw(func(any) error { return driver.ErrBadConn })
		return errors.Join(probeErr, err)
	}
	return probeErr
}

// checkWritePostgres takes the lock every DB.Tx takes, under a lock
// timeout, and writes.
func (d *DB) checkWritePostgres(ctx context.Context) error {
	tx, err := d.sql.BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	if _, err := tx.ExecContext(ctx, fmt.Sprintf(`SET LOCAL lock_timeout = '%dms'`, writeProbeWait.Milliseconds())); err != nil {
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
