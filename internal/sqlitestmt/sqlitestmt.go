// Package sqlitestmt opens SQLite databases (modernc.org/sqlite, pure Go)
// whose connections keep the statements they run prepared.
//
// SQLite parses and plans a statement anew every time one runs unless it
// is prepared, and an app's queries are few and run over and over.
// Rather than prepare each one at its call site, a database opened here
// keeps, on each connection, the statements it has run, keyed by their
// text, and hands the same one out again when it is free — in and out of
// transactions alike. What runs, in what order and in which transaction
// is unchanged: callers use database/sql as they would on any *sql.DB.
// Both the app's database (db/) and the sandbox's open SQLite this way.
package sqlitestmt

import (
	"context"
	"database/sql"
	"database/sql/driver"
	"errors"
	"sync/atomic"

	"modernc.org/sqlite"
)

// MaxPerConn bounds the statements one connection keeps prepared; any past
// it are prepared and finalized each time they run, as without the cache.
const MaxPerConn = 512

// Open opens dsn (modernc's DSN: "file:path?_pragma=…") with the modernc
// driver, each connection keeping its statements prepared. Like sql.Open
// it connects lazily: the first query (or Ping) reports a bad dsn.
func Open(dsn string) *sql.DB {
	return sql.OpenDB(cachingConnector{dsn: dsn, driver: &sqlite.Driver{}})
}

// OpenCounting is Open, adding one to returned each time database/sql
// takes one of the connections back into its pool (it asks the
// connection IsValid then, and only then): a connection whose count has
// not moved while it stayed in use is still with the one caller that
// took it.
func OpenCounting(dsn string, returned *atomic.Uint64) *sql.DB {
	return sql.OpenDB(cachingConnector{dsn: dsn, driver: &sqlite.Driver{}, returned: returned})
}

// cachingConnector opens modernc connections wrapped in a cachingConn.
type cachingConnector struct {
	dsn      string
	driver   *sqlite.Driver
	returned *atomic.Uint64 // OpenCounting's; nil: not counted
}

func (c cachingConnector) Connect(context.Context) (driver.Conn, error) {
	conn, err := c.driver.Open(c.dsn)
	if err != nil {
		return nil, err
	}
	return &cachingConn{Conn: conn, stmts: make(map[string]*cachedStmt), returned: c.returned}, nil
}

func (c cachingConnector) Driver() driver.Driver { return c.driver }

// cachingConn is one connection and its prepared statements.
// database/sql uses a connection from one goroutine at a time, so the
// map needs no lock. It does not offer ExecerContext or QueryerContext:
// database/sql then prepares every statement (PrepareContext, here from
// the cache), runs it and closes it (cachedStmt.Close: back to the cache).
type cachingConn struct {
	driver.Conn
	stmts    map[string]*cachedStmt
	returned *atomic.Uint64 // OpenCounting's; nil: not counted
}

// PrepareContext returns the connection's prepared statement for query
// when it is free; a statement still in use (a query whose rows are open
// while another runs the same text) gets a fresh one, finalized on Close.
func (c *cachingConn) PrepareContext(ctx context.Context, query string) (driver.Stmt, error) {
	if st, ok := c.stmts[query]; ok && !st.busy {
		st.busy = true
		return st, nil
	}
	raw, err := c.Conn.(driver.ConnPrepareContext).PrepareContext(ctx, query)
	if err != nil {
		return nil, err
	}
	st := &cachedStmt{Stmt: raw}
	if _, taken := c.stmts[query]; !taken && len(c.stmts) < MaxPerConn {
		st.cached, st.busy = true, true
		c.stmts[query] = st
	}
	return st, nil
}

func (c *cachingConn) Prepare(query string) (driver.Stmt, error) {
	return c.PrepareContext(context.Background(), query)
}

func (c *cachingConn) BeginTx(ctx context.Context, opts driver.TxOptions) (driver.Tx, error) {
	return c.Conn.(driver.ConnBeginTx).BeginTx(ctx, opts)
}

func (c *cachingConn) Ping(ctx context.Context) error {
	return c.Conn.(driver.Pinger).Ping(ctx)
}

func (c *cachingConn) ResetSession(ctx context.Context) error {
	return c.Conn.(driver.SessionResetter).ResetSession(ctx)
}

// IsValid is database/sql's check of a connection coming back into its
// pool: counted (OpenCounting).
func (c *cachingConn) IsValid() bool {
	if c.returned != nil {
		c.returned.Add(1)
	}
	return c.Conn.(driver.Validator).IsValid()
}

// Close finalizes the cached statements, then closes the connection.
func (c *cachingConn) Close() error {
	var errs []error
	for q, st := range c.stmts {
		errs = append(errs, st.Stmt.Close())
		delete(c.stmts, q)
	}
	return errors.Join(append(errs, c.Conn.Close())...)
}

// cachedStmt is a prepared statement; busy while database/sql runs it or
// reads its rows.
type cachedStmt struct {
	driver.Stmt
	cached bool // kept in its connection's cache: Close frees it instead of finalizing
	busy   bool
}

func (s *cachedStmt) ExecContext(ctx context.Context, args []driver.NamedValue) (driver.Result, error) {
	return s.Stmt.(driver.StmtExecContext).ExecContext(ctx, args)
}

func (s *cachedStmt) QueryContext(ctx context.Context, args []driver.NamedValue) (driver.Rows, error) {
	return s.Stmt.(driver.StmtQueryContext).QueryContext(ctx, args)
}

// Close hands a cached statement back (its rows, if any, are closed
// first, which resets it) and finalizes any other.
func (s *cachedStmt) Close() error {
	if s.cached {
		s.busy = false
		return nil
	}
	return s.Stmt.Close()
}
