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
// write needs: SQLite's write lock, or on PostgreSQL the advisory lock
// each DB.Tx takes. A second: a burst of payments queues transactions
// for a few hundred milliseconds without failing anything (a trial of
// 180 pay presses at once saw 250 ms run out, and /healthz say 503 on
// instances that were working), while a lock held a second means
// notifications are kept waiting.
const writeProbeWait = time.Second

// CheckWrite reports whether the database takes a write now, as the
// app's transactions would: it rewrites the one row of health_probe,
// giving up after writeProbeWait on a held lock (or when ctx ends while
// it waits for a connection the app's other work holds). A nil error
// means the write committed. One small row: cheap enough for load
// balancers to call every second.
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
// lock every write needs: the database is up but too busy to write.
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

// checkWriteSQLite shortens SQLite's busy wait on its own connection for
// the one statement: the wait does not end with the context.
func (d *DB) checkWriteSQLite(ctx context.Context) error {
	conn, err := d.sql.Conn(ctx)
	if err != nil {
		return err
	}
	defer conn.Close()
	var normal int
	if err := conn.QueryRowContext(ctx, `PRAGMA busy_timeout`).Scan(&normal); err != nil {
		return err
	}
	if _, err := conn.ExecContext(ctx, fmt.Sprintf(`PRAGMA busy_timeout = %d`, writeProbeWait.Milliseconds())); err != nil {
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
