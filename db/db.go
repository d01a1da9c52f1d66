// Package db owns the app's schema and every query the app runs, on
// SQLite (the embedded default) or PostgreSQL (several app instances on
// one database, DESIGN.md §7). Nothing outside this package writes SQL.
// Queries are written once, in SQL both backends understand; dialect.go
// and postgres.go are the only places that tell the two apart.
package db

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strings"

	"github.com/jackc/pgx/v5"
)

// Queries holds every query of the app. DB embeds one bound to the
// database; Tx hands a caller one bound to a transaction.
type Queries struct {
	q querier
	// pending, in a transaction, are the timeline entries InsertEvent
	// keeps to write in one statement before it commits; nil outside one.
	pending *[]Event
	// inbox, in a transaction, are the inbox rows QueueNotification keeps
	// to write in one statement before it commits; nil outside one.
	inbox *[]Notification
	// wakes, in a PostgreSQL transaction, are the NOTIFYs NotifyAtCommit
	// keeps to send with its COMMIT; nil elsewhere.
	wakes *[]wakeLine
	// tx is what the transaction knows beside its connection (prefetch.go);
	// nil outside one.
	tx *txState
}

// DB is the app's database.
type DB struct {
	*Queries
	sql      *sql.DB // every write and transaction; on SQLite one connection
	read     *sql.DB // SQLite: the read-only pool for reads outside transactions; PostgreSQL: sql
	probe    *sql.DB // the write probe's own connection (CheckWrite)
	watch    *writeWatch
	d        *dialect
	pgConfig *pgx.ConnConfig // PostgreSQL: for Listen's connection of its own
	schema   [2]int          // the schema version Open found, and the one it left
}

// Open opens the database named by source and brings its schema up to
// date: a postgres:// (or postgresql://) URL opens PostgreSQL; anything
// else is the path of a SQLite file, created if needed.
func Open(ctx context.Context, source string) (*DB, error) {
	return openAt(ctx, source, len(migrations))
}

// openAt opens source with its schema brought up to the first upTo
// migrations (tests start from an earlier release's schema with it).
func openAt(ctx context.Context, source string, upTo int) (*DB, error) {
	watch := newWriteWatch()
	backend, open := SQLite, func(ctx context.Context, path string) (*sql.DB, error) {
		return openSQLite(ctx, path, &watch.handed)
	}
	if IsPostgresURL(source) {
		backend, open = PostgreSQL, func(ctx context.Context, url string) (*sql.DB, error) {
			return openPostgres(ctx, url, &watch.handed)
		}
	}
	sqldb, err := open(ctx, source)
	if err != nil {
		return nil, err
	}
	d := &dialect{backend: backend}
	from, to, err := migrate(ctx, sqldb, d, upTo)
	if err != nil {
		sqldb.Close()
		return nil, err
	}
	read := sqldb
	var probe *sql.DB
	if backend == SQLite {
		if read, err = openSQLiteReaders(ctx, source); err != nil {
			sqldb.Close()
			return nil, err
		}
		probe = openSQLiteProbe(source)
	}
	if backend == PostgreSQL {
		probe = openPostgresProbe(source)
	}
	out := &DB{Queries: &Queries{q: conn{raw: sqldb, read: read, d: d}}, sql: sqldb, read: read, probe: probe, watch: watch, d: d, schema: [2]int{from, to}}
	if backend == PostgreSQL {
		out.pgConfig, _ = pgx.ParseConfig(source) // checked by openPostgres
	}
	return out, nil
}

// IsPostgresURL says whether source names a PostgreSQL database rather
// than a SQLite file.
func IsPostgresURL(source string) bool {
	return strings.HasPrefix(source, "postgres://") || strings.HasPrefix(source, "postgresql://")
}

// Migrated reports the schema version Open found (0: a new database) and
// the one it left; equal when no migration ran.
func (d *DB) Migrated() (from, to int) { return d.schema[0], d.schema[1] }

// Backend says which database this is.
func (d *DB) Backend() Backend { return d.d.backend }

// Close closes the database.
func (d *DB) Close() error {
	err := d.sql.Close()
	if d.read != d.sql {
		err = errors.Join(err, d.read.Close())
	}
	return errors.Join(err, d.probe.Close())
}

// Ping reports whether the database answers a query.
func (d *DB) Ping(ctx context.Context) error {
	var one int
	if err := d.sql.QueryRowContext(ctx, "SELECT 1").Scan(&one); err != nil {
		return fmt.Errorf("db: ping: %w", err)
	}
	return nil
}

// SQL exposes the handle for the session store, which brings its own
// queries (in its backend's own dialect) against the sessions table
// created by our migrations.
func (d *DB) SQL() *sql.DB { return d.sql }

// SQLReader is the handle for the session store's reads: on SQLite a pool
// of read-only connections that never wait for the writer (WAL), and see
// every transaction committed before they begin; on PostgreSQL the same
// as SQL.
func (d *DB) SQLReader() *sql.DB { return d.read }

// Raw runs hand-written SQL in the portable dialect (? placeholders) on
// either backend, for tests that look at or poke tables directly.
func (d *DB) Raw() Querier { return conn{raw: d.sql, d: d.d} }

// TxForSavepoints is Tx for fn that does its work in savepoints
// (Queries.Savepoint). On PostgreSQL a SAVEPOINT is sent with BEGIN and
// the lock, in their round trip, and fn's first Savepoint (not inside
// another) takes it as its own, unless a statement of fn has written
// before it: one round trip less. On SQLite it is Tx.
func (d *DB) TxForSavepoints(ctx context.Context, fn func(*Queries) error) error {
	if d.d.backend == PostgreSQL {
		return d.pgTx(ctx, fn, true)
	}
	return d.Tx(ctx, fn)
}

// Tx runs fn in one transaction: committed if fn returns nil, rolled back
// otherwise. Transactions run one at a time on both backends — SQLite
// begins them IMMEDIATE, PostgreSQL takes a transaction-level advisory
// lock before their first statement — so a check and the write it guards
// (refunds against what was paid, one capture per authorization) cannot
// interleave with another's, whichever app instance runs them. On
// PostgreSQL BEGIN and the lock go in one round trip with that first
// statement (pgtx.go). Its error is nil exactly when it committed, even
// when ctx ends meanwhile: on PostgreSQL the COMMIT is not cut off by ctx
// (its outcome would be unknown), and on SQLite an ended ctx rolls the
// transaction back before its COMMIT, never during it (database/sql).
func (d *DB) Tx(ctx context.Context, fn func(*Queries) error) error {
	if d.d.backend == PostgreSQL {
		return d.pgTx(ctx, fn, false)
	}
	tx, err := d.sql.BeginTx(ctx, nil)
	if err != nil {
		return fmt.Errorf("db: begin: %w", err)
	}
	st := new(txState)
	q := &Queries{q: conn{raw: tx, d: d.d, tx: st}, pending: new([]Event), inbox: new([]Notification), tx: st}
	if err := fn(q); err != nil {
		tx.Rollback()
		return err
	}
	if err := q.flushPending(ctx); err != nil {
		tx.Rollback()
		return err
	}
	if err := tx.Commit(); err != nil {
		return fmt.Errorf("db: commit: %w", err)
	}
	return nil
}

// insertID runs an INSERT … RETURNING id and returns the new row's id.
// As a transaction's first statement, it goes with its BEGIN (firstOf).
func insertID(ctx context.Context, q querier, query string, args ...any) (int64, error) {
	id, sent, err := firstOf(ctx, q, scanID, query, args)
	if !sent {
		err = q.QueryRowContext(ctx, query, args...).Scan(&id)
	}
	return id, err
}

func scanID(row scanner) (int64, error) {
	var id int64
	err := row.Scan(&id)
	return id, err
}
