package db

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"regexp"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgconn"
	"github.com/jackc/pgx/v5/stdlib"
)

// postgresMaxConns bounds each app instance's connections, so that
// several instances stay well inside PostgreSQL's max_connections (100 by
// default).
const postgresMaxConns = 10

// postgresFirstConns is how many connections openPostgres opens at once,
// before the app starts: PostgreSQL takes ~15 ms to start a connection's
// server process, and the first things a started instance does come
// together (the reconciler's first pass, a load balancer's /healthz),
// which would otherwise wait in turn for a second connection.
const postgresFirstConns = 2

// Advisory lock keys. PostgreSQL scopes them to the database.
const (
	migrateLockKey int64 = 0x616e746f6d01 // held while one instance migrates
	txLockKey      int64 = 0x616e746f6d02 // held by each DB.Tx: one at a time
)

// CheckPostgresURL reports whether url is one pgx can connect with,
// without connecting and without repeating it (it may hold a password).
func CheckPostgresURL(url string) error {
	if !IsPostgresURL(url) {
		return errors.New("must start with postgres:// or postgresql://")
	}
	if _, err := pgx.ParseConfig(url); err != nil {
		return errors.New("cannot be parsed as a PostgreSQL connection URL")
	}
	return nil
}

// openPostgres connects through pgx's database/sql adapter, opening its
// first postgresFirstConns connections at once. Each time the pool hands
// a connection out, new or used again, handed counts it
// (writeWatch.handed).
func openPostgres(ctx context.Context, url string, handed *atomic.Uint64) (*sql.DB, error) {
	if err := CheckPostgresURL(url); err != nil {
		return nil, fmt.Errorf("db: DATABASE_URL %w", err)
	}
	cfg, _ := pgx.ParseConfig(url)
	count := func(context.Context, *pgx.Conn) error {
		handed.Add(1)
		return nil
	}
	sqldb := stdlib.OpenDB(*cfg, stdlib.OptionAfterConnect(count), stdlib.OptionResetSession(count))
	sqldb.SetMaxOpenConns(postgresMaxConns)
	sqldb.SetMaxIdleConns(postgresMaxConns)
	sqldb.SetConnMaxIdleTime(5 * time.Minute)
	if err := connectFirst(ctx, sqldb, postgresFirstConns); err != nil {
		sqldb.Close()
		return nil, postgresOpenError(err) // one line, no password
	}
	return sqldb, nil
}

// openPostgresProbe opens the write probe's own connection to the
// database at url (checked and opened by openPostgres first), beside the
// app's pool: CheckWrite takes the lock there, so that a pool full of
// transactions waiting for a lock held elsewhere (busy) is told apart
// from the server not answering, and from the pool's connections kept
// here (poolStuck). It connects on the first probe.
func openPostgresProbe(url string) *sql.DB {
	cfg, _ := pgx.ParseConfig(url)
	probe := stdlib.OpenDB(*cfg)
	probe.SetMaxOpenConns(1)
	probe.SetMaxIdleConns(1)
	return probe
}

// connectFirst opens up to n connections of sqldb at once and leaves
// them idle in its pool. Only the first is needed: it fails (with the
// first connection error) only when none opened, so that a server near
// its max_connections (or the role's CONNECTION LIMIT) still lets the app
// start as it did with one. Attempts at once can each be refused there
// for the other (PostgreSQL counts a backend still starting up against
// the limit): when every one was refused as too many (SQLSTATE 53300),
// one more, alone, decides — tried again for up to a second while it is
// refused as too many, as the refused backends may still be counted while
// they exit (a busy machine showed it).
func connectFirst(ctx context.Context, sqldb *sql.DB, n int) error {
	conns := make([]*sql.Conn, n)
	errs := make([]error, n)
	var wg sync.WaitGroup
	for i := range n {
		wg.Go(func() { conns[i], errs[i] = sqldb.Conn(ctx) })
	}
	wg.Wait()
	opened := false
	for _, c := range conns {
		if c != nil {
			opened = true
			c.Close() // back to the pool, idle
		}
	}
	if opened {
		return nil
	}
	for _, err := range errs {
		if !tooManyConnections(err) {
			return errs[0]
		}
	}
	for wait := 0; ; wait++ {
		c, err := sqldb.Conn(ctx)
		if err == nil {
			return c.Close()
		}
		if !tooManyConnections(err) || wait == aloneTries {
			return err
		}
		select {
		case <-ctx.Done():
			return err
		case <-time.After(aloneWait):
		}
	}
}

// aloneTries and aloneWait bound connectFirst's lone connection's tries
// again while refused as too many: 20 × 50 ms.
const (
	aloneTries = 20
	aloneWait  = 50 * time.Millisecond
)

// tooManyConnections reports whether err is PostgreSQL refusing a
// connection over max_connections or the role's CONNECTION LIMIT.
func tooManyConnections(err error) bool {
	var pgErr *pgconn.PgError
	return errors.As(err, &pgErr) && pgErr.Code == "53300"
}

// postgresSchemaVersion takes the migration lock for the caller's
// transaction, so that of two instances starting together one migrates
// and the other then finds nothing to do, and reads how many migrations
// have run.
func postgresSchemaVersion(ctx context.Context, tx *sql.Tx) (int, error) {
	if _, err := tx.ExecContext(ctx, "SELECT pg_advisory_xact_lock($1)", migrateLockKey); err != nil {
		return 0, err
	}
	if _, err := tx.ExecContext(ctx, `CREATE TABLE IF NOT EXISTS schema_migrations (
		version    BIGINT PRIMARY KEY,
		applied_at TEXT NOT NULL)`); err != nil {
		return 0, err
	}
	var version int
	err := tx.QueryRowContext(ctx, "SELECT COALESCE(MAX(version), 0) FROM schema_migrations").Scan(&version)
	return version, err
}

// postgresSetSchemaVersion records that migration version has run.
func postgresSetSchemaVersion(ctx context.Context, tx *sql.Tx, version int) error {
	_, err := tx.ExecContext(ctx, "INSERT INTO schema_migrations (version, applied_at) VALUES ($1, $2)",
		version, formatTime(time.Now()))
	return err
}

// postgresPatches fix, for PostgreSQL only, what released migrations
// wrote that SQLite accepts and PostgreSQL does not. Each old text must
// occur exactly once in its migration (keyed by number, from 1).
var postgresPatches = map[int][]struct{ old, new string }{
	// The session store owns the sessions table's layout, and the two
	// stores differ: sqlite3store keeps expiry as a Julian day number,
	// postgresstore as a timestamp.
	1: {{"expiry REAL NOT NULL", "expiry TIMESTAMPTZ NOT NULL"}},
	// card_id references cards before the migration creates it: add the
	// column once the table exists.
	4: {
		{"ALTER TABLE payment_attempts ADD COLUMN card_id INTEGER REFERENCES cards(id);\n", ""},
		{"CREATE UNIQUE INDEX cards_buyer_token_idx ON cards(buyer_id, token_hash);\n",
			"CREATE UNIQUE INDEX cards_buyer_token_idx ON cards(buyer_id, token_hash);\n" +
				"\tALTER TABLE payment_attempts ADD COLUMN card_id INTEGER REFERENCES cards(id);\n"},
	},
	// SQLite copies the staff table to drop the email's UNIQUE; PostgreSQL
	// drops the constraint (its default name), keeping the table, its ids
	// and its identity sequence as they are.
	37: {{migration37SQLiteCopy, "ALTER TABLE staff DROP CONSTRAINT staff_email_key;\n\t"}},
}

// postgresTypes turn the portable column types into PostgreSQL's, in
// this order, outside quoted text. TEXT compares byte by byte ("C"), as
// SQLite's does, so times and codes sort the same on both; COLLATE NOCASE
// becomes citext, which compares (and LIKEs) without case, as NOCASE does.
var postgresTypes = []struct {
	re   *regexp.Regexp
	with string
}{
	{regexp.MustCompile(`\bTEXT\b([^,'()]*?)\s+COLLATE\s+NOCASE\b`), "CITEXT$1"},
	{regexp.MustCompile(`\bINTEGER\s+PRIMARY\s+KEY(\s+AUTOINCREMENT)?\b`), "BIGINT GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY"},
	{regexp.MustCompile(`\bINTEGER\b`), "BIGINT"}, // SQLite's INTEGER holds 64 bits
	{regexp.MustCompile(`\bBLOB\b`), "BYTEA"},
	{regexp.MustCompile(`\bREAL\b`), "DOUBLE PRECISION"},
	{regexp.MustCompile(`\bTEXT\b`), `TEXT COLLATE "C"`},
}

// postgresDDL returns migration n (from 1) as PostgreSQL runs it.
func postgresDDL(n int, portable string) (string, error) {
	for _, p := range postgresPatches[n] {
		if strings.Count(portable, p.old) != 1 {
			return "", fmt.Errorf("db: migration %d: PostgreSQL patch %q does not match once", n, p.old)
		}
		portable = strings.Replace(portable, p.old, p.new, 1)
	}
	var out strings.Builder
	for i, part := range splitQuoted(portable) {
		if i%2 == 1 { // a quoted string or identifier
			out.WriteString(part)
			continue
		}
		for _, t := range postgresTypes {
			part = t.re.ReplaceAllString(part, t.with)
		}
		out.WriteString(part)
	}
	ddl := out.String()
	if strings.Contains(ddl, "NOCASE") {
		return "", fmt.Errorf("db: migration %d: COLLATE NOCASE must follow TEXT in the same column definition", n)
	}
	if strings.Contains(ddl, "CITEXT") {
		ddl = "CREATE EXTENSION IF NOT EXISTS citext;\n" + ddl
	}
	return ddl, nil
}
