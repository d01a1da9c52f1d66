package db

import (
	"context"
	"database/sql"
	"time"
)

// migrationWait is how long an instance starting while another process
// migrates the same SQLite file waits for it. Each try at the file's
// write lock waits busy_timeout's 5 s; a migration takes longer than that
// on a large database or a busy machine (57 migrations of an empty file
// took over 5 s on two loaded cores), and an instance that gave up then
// did not start ("db: migrate: database is locked").
const migrationWait = 2 * time.Minute

// beginMigration begins migrate's transaction. On SQLite it is IMMEDIATE:
// it takes the write lock at once, and tries again while another process
// holds it, for up to migrationWait (or until ctx ends). PostgreSQL's
// advisory lock, taken inside the transaction, waits by itself.
func beginMigration(ctx context.Context, sqldb *sql.DB) (*sql.Tx, error) {
	deadline := time.Now().Add(migrationWait)
	for {
		tx, err := sqldb.BeginTx(ctx, nil)
		if err == nil || !isLockWait(err) || time.Now().After(deadline) {
			return tx, err
		}
		// A busy answer that did not wait (SQLite's BUSY_RECOVERY or
		// BUSY_SNAPSHOT come back at once) is not tried again at once.
		select {
		case <-ctx.Done():
			return nil, ctx.Err()
		case <-time.After(100 * time.Millisecond):
		}
	}
}
