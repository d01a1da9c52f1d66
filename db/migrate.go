package db

import (
	"context"
	"database/sql"
	"fmt"
)

// migrations is the schema's history, oldest first. The database's
// PRAGMA user_version counts how many have run; a migration, once
// released, is never edited — a change is a new entry at the end.
var migrations = []string{
	// 1: sessions (the layout alexedwards/scs/sqlite3store expects) and the
	// notification inbox: every notification Antom sent us, with what we
	// made of it.
	`CREATE TABLE sessions (
		token  TEXT PRIMARY KEY,
		data   BLOB NOT NULL,
		expiry REAL NOT NULL
	);
	CREATE INDEX sessions_expiry_idx ON sessions(expiry);

	CREATE TABLE notifications (
		id            INTEGER PRIMARY KEY,
		received_at   TEXT NOT NULL,
		kind          TEXT NOT NULL,
		request_time  TEXT NOT NULL,
		body_sealed   BLOB,
		body_redacted TEXT NOT NULL,
		verdict       TEXT NOT NULL,
		detail        TEXT NOT NULL DEFAULT ''
	);
	CREATE INDEX notifications_received_idx ON notifications(received_at);`,
}

// migrate runs the migrations the database has not seen, each in its own
// transaction together with the user_version bump.
func migrate(ctx context.Context, sqldb *sql.DB) error {
	var version int
	if err := sqldb.QueryRowContext(ctx, "PRAGMA user_version").Scan(&version); err != nil {
		return fmt.Errorf("db: read schema version: %w", err)
	}
	if version > len(migrations) {
		return fmt.Errorf("db: schema version %d is newer than this program (%d)", version, len(migrations))
	}
	for i := version; i < len(migrations); i++ {
		tx, err := sqldb.BeginTx(ctx, nil)
		if err != nil {
			return fmt.Errorf("db: migration %d: %w", i+1, err)
		}
		if _, err := tx.ExecContext(ctx, migrations[i]); err != nil {
			tx.Rollback()
			return fmt.Errorf("db: migration %d: %w", i+1, err)
		}
		if _, err := tx.ExecContext(ctx, fmt.Sprintf("PRAGMA user_version = %d", i+1)); err != nil {
			tx.Rollback()
			return fmt.Errorf("db: migration %d: %w", i+1, err)
		}
		if err := tx.Commit(); err != nil {
			return fmt.Errorf("db: migration %d: %w", i+1, err)
		}
	}
	return nil
}
