// Package db owns the app's SQLite schema and every query the app runs.
// Nothing outside this package writes SQL, so a PostgreSQL store would be
// this one package's work (DESIGN.md §7).
package db

import (
	"context"
	"database/sql"
	"fmt"
	"net/url"

	_ "modernc.org/sqlite" // registers the "sqlite" driver (pure Go, no cgo)
)

// querier is what both *sql.DB and *sql.Tx offer; Queries runs on either.
type querier interface {
	ExecContext(ctx context.Context, query string, args ...any) (sql.Result, error)
	QueryContext(ctx context.Context, query string, args ...any) (*sql.Rows, error)
	QueryRowContext(ctx context.Context, query string, args ...any) *sql.Row
}

// Queries holds every query of the app. DB embeds one bound to the
// database; Tx hands a caller one bound to a transaction.
type Queries struct {
	q querier
}

// DB is the app's database.
type DB struct {
	*Queries
	sql *sql.DB
}

// Open opens (creating if needed) the SQLite database at path in WAL mode
// and brings its schema up to date.
func Open(ctx context.Context, path string) (*DB, error) {
	dsn := "file:" + (&url.URL{Path: path}).EscapedPath() +
		"?_pragma=busy_timeout(5000)&_pragma=journal_mode(WAL)&_pragma=foreign_keys(1)&_pragma=synchronous(NORMAL)&_txlock=immediate"
	sqldb, err := sql.Open("sqlite", dsn)
	if err != nil {
		return nil, fmt.Errorf("db: open: %w", err)
	}
	// SQLite has one writer at a time. One connection makes Go queue the
	// work instead of SQLite's busy handler sleeping (and adding tens of
	// milliseconds to the slowest requests). Queries are short, and no
	// code holds a transaction while it waits on anything else.
	sqldb.SetMaxOpenConns(1)
	if err := sqldb.PingContext(ctx); err != nil {
		sqldb.Close()
		return nil, fmt.Errorf("db: open %s: %w", path, err)
	}
	if err := migrate(ctx, sqldb); err != nil {
		sqldb.Close()
		return nil, err
	}
	return &DB{Queries: &Queries{q: sqldb}, sql: sqldb}, nil
}

// Close closes the database.
func (d *DB) Close() error { return d.sql.Close() }

// Ping reports whether the database answers a query.
func (d *DB) Ping(ctx context.Context) error {
	var one int
	if err := d.sql.QueryRowContext(ctx, "SELECT 1").Scan(&one); err != nil {
		return fmt.Errorf("db: ping: %w", err)
	}
	return nil
}

// SQL exposes the handle for the session store, which brings its own
// queries against the sessions table created by our migrations.
func (d *DB) SQL() *sql.DB { return d.sql }

// Tx runs fn in one transaction: committed if fn returns nil, rolled back
// otherwise.
func (d *DB) Tx(ctx context.Context, fn func(*Queries) error) error {
	tx, err := d.sql.BeginTx(ctx, nil)
	if err != nil {
		return fmt.Errorf("db: begin: %w", err)
	}
	if err := fn(&Queries{q: tx}); err != nil {
		tx.Rollback()
		return err
	}
	if err := tx.Commit(); err != nil {
		return fmt.Errorf("db: commit: %w", err)
	}
	return nil
}
