package db

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"net/url"
	"sync/atomic"
	"time"

	"modernc.org/sqlite" // its error codes; the driver is opened through internal/sqlitestmt
	sqlite3 "modernc.org/sqlite/lib"

	"antom-checkout/internal/sqlitestmt"
)

// sqliteDSN is how every connection to the file at path is opened: WAL,
// foreign keys, a 5 s busy wait, every commit synced to disk before it
// returns (synchronous=FULL: with NORMAL, WAL syncs only at checkpoints,
// and a power cut or an OS crash could take back a commit already
// acknowledged — a notification Antom then never sends again, or a
// payment attempt stored before its pay went out; API.md §9.12 asks for
// an ack only after durable storage), and temporary files in memory: above all
// the sub-journal, where a SAVEPOINT keeps the pages it may have to roll
// back — a batch of notifications (checkout's group commit) keeps
// megabytes there, which SQLite otherwise spills to a file, a write call
// per page (a tenth of the batch's CPU).
func sqliteDSN(path string) string {
	return "file:" + (&url.URL{Path: path}).EscapedPath() +
		"?_pragma=busy_timeout(5000)&_pragma=journal_mode(WAL)&_pragma=foreign_keys(1)&_pragma=synchronous(FULL)&_pragma=temp_store(MEMORY)"
}

// sqliteReaders is how many read-only connections serve queries outside
// transactions beside the one writer.
const sqliteReaders = 4

// openSQLiteReaders opens the read pool of the file at path (opened and
// migrated by openSQLite first): connections that refuse to write
// (query_only), so that a write sent there by mistake fails instead of
// racing the writer. In WAL mode readers never wait for the writer, and
// each read sees every transaction committed before it began.
func openSQLiteReaders(ctx context.Context, path string) (*sql.DB, error) {
	readers := sqlitestmt.Open(sqliteDSN(path) + "&_pragma=query_only(1)")
	readers.SetMaxOpenConns(sqliteReaders)
	readers.SetMaxIdleConns(sqliteReaders)
	if err := readers.PingContext(ctx); err != nil {
		readers.Close()
		return nil, sqliteOpenError(path, err)
	}
	return readers, nil
}

// openSQLiteProbe opens the write probe's own connection to the file at
// path (opened and migrated by openSQLite first), beside the app's
// writer: CheckWrite tries SQLite's write lock there, so that a lock held
// by another process (busy) is told apart from the app's own write
// connection held in this one (ownWriteStuck). It connects on the first
// probe.
func openSQLiteProbe(path string) *sql.DB {
	probe := sqlitestmt.Open(sqliteDSN(path) + "&_txlock=immediate")
	probe.SetMaxOpenConns(1)
	probe.SetMaxIdleConns(1)
	return probe
}

// openSQLite opens (creating if needed) the SQLite file at path in WAL
// mode: the writer, one connection, whose returns to its pool are
// counted in returned (writeWatch.handed). Transactions begin IMMEDIATE: each
// takes the write lock first. The file and its WAL are readable by their
// owner only (0600).
func openSQLite(ctx context.Context, path string, returned *atomic.Uint64) (*sql.DB, error) {
	if err := restrictFiles(path); err != nil {
		return nil, err
	}
	sqldb := sqlitestmt.OpenCounting(sqliteDSN(path)+"&_txlock=immediate", returned)
	// SQLite has one writer at a time. One connection makes Go queue the
	// work instead of SQLite's busy handler sleeping (and adding tens of
	// milliseconds to the slowest requests). Queries are short, and no
	// code holds a transaction while it waits on anything else. Reads
	// outside transactions go to the read pool (openSQLiteReaders).
	sqldb.SetMaxOpenConns(1)
	// A new file turns to WAL on its first connection, which needs the file
	// to itself: a second process connecting at that moment gets
	// SQLITE_BUSY at once (SQLite's busy handler does not wait where
	// waiting could deadlock). Connect again, within busy_timeout's 5 s.
	deadline := time.Now().Add(5 * time.Second)
	var err error
	for {
		err = sqldb.PingContext(ctx)
		var sqliteErr *sqlite.Error
		if err == nil || !errors.As(err, &sqliteErr) || sqliteErr.Code()&0xff != sqlite3.SQLITE_BUSY || time.Now().After(deadline) {
			break
		}
		time.Sleep(10 * time.Millisecond)
	}
	if err != nil {
		sqldb.Close()
		return nil, sqliteOpenError(path, err)
	}
	return sqldb, nil
}

// sqliteSchemaVersion reads how many migrations the file has run: its
// PRAGMA user_version. The caller's transaction is IMMEDIATE, so a second
// process opening the same file waits here until the first has migrated.
func sqliteSchemaVersion(ctx context.Context, tx *sql.Tx) (int, error) {
	var version int
	err := tx.QueryRowContext(ctx, "PRAGMA user_version").Scan(&version)
	return version, err
}

// sqliteSetSchemaVersion records that migrations up to version have run.
func sqliteSetSchemaVersion(ctx context.Context, tx *sql.Tx, version int) error {
	_, err := tx.ExecContext(ctx, fmt.Sprintf("PRAGMA user_version = %d", version))
	return err
}
