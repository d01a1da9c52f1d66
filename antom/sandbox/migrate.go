package sandbox

import (
	"context"
	"database/sql"
	"embed"
	"fmt"
	"path/filepath"
	"sort"

	"antom-checkout/internal/sqlitestmt"
)

// migrationFiles holds the schema steps, applied in file-name order. The
// database's PRAGMA user_version counts the steps already applied; add new
// steps as new files, never edit an applied one.
//
//go:embed migrations/*.sql
var migrationFiles embed.FS

// openDB opens (creating if needed) the sandbox's SQLite database in dir
// and brings its schema up to date. It returns two handles on the file:
// db, a pool for reads (and for tests that poke the tables), and writer,
// one connection that every transaction and write goes through. SQLite
// has one writer at a time: with one connection Go queues the writers in
// turn, where several connections would each wait in SQLite's busy
// handler, which sleeps (1, 2, 5, 10 … ms) and leaves the cores idle.
// Transactions begin IMMEDIATE, as before: the busy timeout still covers
// another process on the same file. Both keep their statements prepared
// (internal/sqlitestmt).
func openDB(ctx context.Context, dir string) (db, writer *sql.DB, err error) {
	dsn := "file:" + filepath.Join(dir, dbFile) +
		"?_pragma=busy_timeout(5000)&_pragma=journal_mode(WAL)&_pragma=foreign_keys(1)&_pragma=synchronous(NORMAL)&_txlock=immediate"
	writer = sqlitestmt.Open(dsn)
	writer.SetMaxOpenConns(1)
	if err := migrate(ctx, writer); err != nil {
		writer.Close()
		return nil, nil, err
	}
	return sqlitestmt.Open(dsn), writer, nil
}

// migrate applies the migrations the database has not seen yet, each in its
// own transaction together with the user_version bump.
func migrate(ctx context.Context, db *sql.DB) error {
	steps, err := migrationSteps()
	if err != nil {
		return err
	}
	var version int
	if err := db.QueryRowContext(ctx, "PRAGMA user_version").Scan(&version); err != nil {
		return fmt.Errorf("sandbox: migrate: read version: %w", err)
	}
	if version > len(steps) {
		return fmt.Errorf("sandbox: migrate: database version %d is newer than this code (%d)", version, len(steps))
	}
	for i := version; i < len(steps); i++ {
		if err := applyStep(ctx, db, i+1, steps[i]); err != nil {
			return err
		}
	}
	return nil
}

// migrationSteps returns the embedded SQL scripts in order.
func migrationSteps() ([]string, error) {
	names, err := migrationFiles.ReadDir("migrations")
	if err != nil {
		return nil, fmt.Errorf("sandbox: migrate: %w", err)
	}
	sort.Slice(names, func(i, j int) bool { return names[i].Name() < names[j].Name() })
	steps := make([]string, 0, len(names))
	for _, n := range names {
		b, err := migrationFiles.ReadFile("migrations/" + n.Name())
		if err != nil {
			return nil, fmt.Errorf("sandbox: migrate: %w", err)
		}
		steps = append(steps, string(b))
	}
	return steps, nil
}

// applyStep runs one script and records its number as the new version.
func applyStep(ctx context.Context, db *sql.DB, version int, script string) error {
	tx, err := db.BeginTx(ctx, nil)
	if err != nil {
		return fmt.Errorf("sandbox: migrate %d: %w", version, err)
	}
	defer tx.Rollback()
	if _, err := tx.ExecContext(ctx, script); err != nil {
		return fmt.Errorf("sandbox: migrate %d: %w", version, err)
	}
	if _, err := tx.ExecContext(ctx, fmt.Sprintf("PRAGMA user_version = %d", version)); err != nil {
		return fmt.Errorf("sandbox: migrate %d: set version: %w", version, err)
	}
	if err := tx.Commit(); err != nil {
		return fmt.Errorf("sandbox: migrate %d: %w", version, err)
	}
	return nil
}
