package db

import (
	"context"
	"database/sql"
	"errors"
	"slices"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/jackc/pgx/v5/pgconn"
)

// Every query in this package is written once, in the SQL both backends
// understand, and runs through a conn, which is where the two differ at
// query time (postgres.go holds the schema's differences):
//
//   - placeholders: queries say ?; PostgreSQL gets $1, $2, … — rewritten
//     once per query string, then cached;
//   - arguments: a Go bool goes in as 0/1 (the columns are INTEGER) and a
//     time.Time as time.go's TEXT layout, on both backends alike;
//   - a taken unique value: SQLite's message or PostgreSQL's SQLSTATE 23505
//     (isUniqueViolation);
//   - new ids: every INSERT that needs its id says RETURNING id, which both
//     backends support (pgx has no LastInsertId).
//
// Writing a query that runs on both: standard SQL with ? placeholders;
// compare text ignoring case as lower(x) LIKE lower(?) (SQLite's LIKE
// ignores ASCII case, PostgreSQL's does not); in ON CONFLICT … DO UPDATE
// name the table's columns as table.column (PostgreSQL finds them
// ambiguous beside excluded.column); give a placeholder a type where
// PostgreSQL cannot infer one (CAST(? AS TEXT)); no IFNULL, datetime(),
// strftime() or INSERT OR … — db_test runs every query on both.

// Backend names the database an app runs on.
type Backend string

// The backends.
const (
	SQLite     Backend = "sqlite"
	PostgreSQL Backend = "postgres"
)

// querier is what both *sql.DB and *sql.Tx offer; Queries runs on either.
type querier interface {
	ExecContext(ctx context.Context, query string, args ...any) (sql.Result, error)
	QueryContext(ctx context.Context, query string, args ...any) (*sql.Rows, error)
	QueryRowContext(ctx context.Context, query string, args ...any) *sql.Row
}

// Querier runs hand-written SQL in this package's portable dialect (?
// placeholders) on either backend. DB.Raw hands one out for tests that
// look at tables directly; the app itself runs only the queries here.
type Querier = querier

// dialect rewrites portable queries for one backend.
type dialect struct {
	backend Backend
	rebound sync.Map // query → the same query with $n placeholders (PostgreSQL)
	// before is called before each statement (DB.BeforeStatement, tests).
	before atomic.Pointer[func(context.Context, string)]
}

// query returns q as the backend wants it.
func (d *dialect) query(q string) string {
	if d.backend != PostgreSQL {
		return q
	}
	if r, ok := d.rebound.Load(q); ok {
		return r.(string)
	}
	r := rebind(q)
	d.rebound.Store(q, r)
	return r
}

// rebind numbers the ? placeholders of q as $1, $2, …, leaving quoted
// strings, quoted identifiers and comments alone.
func rebind(q string) string {
	var b strings.Builder
	b.Grow(len(q) + 16)
	n := 0
	for i, part := range splitQuoted(q) {
		if i%2 == 1 {
			b.WriteString(part)
			continue
		}
		for {
			at := strings.IndexByte(part, '?')
			if at < 0 {
				break
			}
			n++
			b.WriteString(part[:at])
			b.WriteString("$" + strconv.Itoa(n))
			part = part[at+1:]
		}
		b.WriteString(part)
	}
	return b.String()
}

// splitQuoted splits sql into code and what is left as written, taking
// turns: code, quoted, code, … Quoted is a '…' string, a "…" identifier
// or a comment (a doubled quote inside a string makes two quoted parts
// with an empty code part between).
func splitQuoted(sql string) []string {
	var parts []string
	code := 0 // where the current code part starts
	for i := 0; i < len(sql); i++ {
		var closer string
		switch {
		case sql[i] == '\'' || sql[i] == '"':
			closer = sql[i : i+1]
		case strings.HasPrefix(sql[i:], "--"):
			closer = "\n"
		case strings.HasPrefix(sql[i:], "/*"):
			closer = "*/"
		default:
			continue
		}
		end := len(sql)
		if n := strings.Index(sql[i+len(closer):], closer); n >= 0 {
			end = i + len(closer) + n + len(closer)
		}
		parts = append(parts, sql[code:i], sql[i:end])
		code, i = end, end-1
	}
	return append(parts, sql[code:])
}

// args converts the Go values whose storage the schema decides: bools are
// INTEGER 0/1 and times are TEXT on both backends.
func args(in []any) []any {
	out, copied := in, false
	for i, a := range in {
		var v any
		switch x := a.(type) {
		case bool:
			v = int64(0)
			if x {
				v = int64(1)
			}
		case time.Time:
			v = formatTime(x)
		default:
			continue
		}
		if !copied {
			out, copied = slices.Clone(in), true
		}
		out[i] = v
	}
	return out
}

// conn runs portable queries on a *sql.DB or *sql.Tx of either backend.
// With read set (SQLite outside a transaction), a query that only reads
// (it starts with SELECT) runs on read, the read-only pool, and
// everything else on raw, the one writer.
type conn struct {
	raw  querier
	read querier
	d    *dialect
	sp   *savepoint // in a Savepoint: set before the first statement (savepoint.go)
	// tx is the transaction's state (prefetch.go): a statement that may
	// write makes it forget what PrefetchAttempts read, unless declared
	// (Queries.declaredWrite). nil outside a transaction.
	tx       *txState
	declared bool
}

// on returns where query runs.
func (c conn) on(query string) querier {
	if c.read != nil && isSelect(query) {
		return c.read
	}
	return c.raw
}

// wrote tells the transaction's state that query runs (prefetch.go).
func (c conn) wrote(query string) {
	c.tx.wrote(query, c.declared)
}

// isSelect says whether query starts with SELECT: a read, never a write
// (writes that return rows start with INSERT, UPDATE or DELETE).
func isSelect(query string) bool {
	q := strings.TrimLeft(query, " \t\r\n")
	return len(q) >= 6 && strings.EqualFold(q[:6], "SELECT")
}

func (c conn) ExecContext(ctx context.Context, query string, a ...any) (sql.Result, error) {
	if res, sent, err := c.firstExec(ctx, query, a); sent {
		return res, err
	}
	if err := c.tx.begin(ctx); err != nil {
		return nil, err
	}
	if err := c.sendLater(ctx); err != nil {
		return nil, err
	}
	if err := c.sp.ensure(ctx, c); err != nil {
		return nil, err
	}
	c.wrote(query)
	c.d.beforeStatement(ctx, query)
	return c.on(query).ExecContext(ctx, c.d.query(query), args(a)...)
}

func (c conn) QueryContext(ctx context.Context, query string, a ...any) (*sql.Rows, error) {
	if err := c.tx.begin(ctx); err != nil {
		return nil, err
	}
	if err := c.sendLater(ctx); err != nil {
		return nil, err
	}
	if err := c.sp.ensure(ctx, c); err != nil {
		return nil, err
	}
	c.wrote(query)
	c.d.beforeStatement(ctx, query)
	return c.on(query).QueryContext(ctx, c.d.query(query), args(a)...)
}

func (c conn) QueryRowContext(ctx context.Context, query string, a ...any) *sql.Row {
	if c.tx.begin(ctx) != nil || c.sendLater(ctx) != nil || c.sp.ensure(ctx, c) != nil {
		// A Row cannot carry our error: a cancelled context makes this
		// one fail without running the query (Savepoint, or the
		// transaction's next statement, reports why).
		failed, cancel := context.WithCancel(ctx)
		cancel()
		ctx = failed
	}
	c.wrote(query)
	c.d.beforeStatement(ctx, query)
	return c.on(query).QueryRowContext(ctx, c.d.query(query), args(a)...)
}

// isDataException recognises PostgreSQL's refusal of a value in a
// statement (SQLSTATE class 22: a text it cannot convert, JSON it cannot
// take, a number out of range).
func isDataException(err error) bool {
	var pgErr *pgconn.PgError
	return errors.As(err, &pgErr) && strings.HasPrefix(pgErr.Code, "22")
}

// isUniqueViolation recognises a taken unique value on either backend
// without tying callers to a driver.
func isUniqueViolation(err error) bool {
	var pgErr *pgconn.PgError
	if errors.As(err, &pgErr) {
		return pgErr.Code == "23505"
	}
	return err != nil && strings.Contains(err.Error(), "UNIQUE constraint failed")
}
