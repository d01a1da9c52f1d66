package sqlitestmt

import (
	"database/sql"
	"path/filepath"
	"sync/atomic"
	"testing"
)

// cacheOf returns the statement cache of db's one idle connection.
func cacheOf(t *testing.T, db *sql.DB) map[string]*cachedStmt {
	t.Helper()
	c, err := db.Conn(t.Context())
	must(t, err)
	defer c.Close()
	var stmts map[string]*cachedStmt
	must(t, c.Raw(func(dc any) error {
		stmts = dc.(*cachingConn).stmts
		return nil
	}))
	return stmts
}

func openCachedTemp(t *testing.T) *sql.DB {
	t.Helper()
	db := Open("file:" + filepath.Join(t.TempDir(), "cache.db") + "?_pragma=journal_mode(WAL)&_txlock=immediate")
	db.SetMaxOpenConns(1)
	t.Cleanup(func() { db.Close() })
	_, err := db.ExecContext(t.Context(), `CREATE TABLE t (id INTEGER PRIMARY KEY, v TEXT NOT NULL UNIQUE)`)
	must(t, err)
	return db
}

// A statement run again is the one prepared the first time, in and out
// of transactions, and gives the right answers each time.
func TestStatementsStayPrepared(t *testing.T) {
	ctx := t.Context()
	db := openCachedTemp(t)
	const insert = `INSERT INTO t (v) VALUES (?)`
	const count = `SELECT count(*) FROM t WHERE v <> ?`
	for i, v := range []string{"a", "b", "c"} {
		tx, err := db.BeginTx(ctx, nil)
		must(t, err)
		_, err = tx.ExecContext(ctx, insert, v)
		must(t, err)
		must(t, tx.Commit())
		var n int
		must(t, db.QueryRowContext(ctx, count, "").Scan(&n))
		equal(t, n, i+1, "rows after insert "+v)
	}
	stmts := cacheOf(t, db)
	first := stmts[insert]
	if first == nil || stmts[count] == nil {
		t.Fatalf("statements not kept prepared: %v", stmts)
	}
	_, err := db.ExecContext(ctx, insert, "d")
	must(t, err)
	if got := cacheOf(t, db)[insert]; got != first || got.busy {
		t.Fatalf("insert prepared again or left busy: %p busy=%v, first %p", got, got.busy, first)
	}
}

// A statement that fails (here a taken unique value) is reset and serves
// the next call; a failed query changes nothing.
func TestPreparedStatementAfterError(t *testing.T) {
	ctx := t.Context()
	db := openCachedTemp(t)
	const insert = `INSERT INTO t (v) VALUES (?)`
	_, err := db.ExecContext(ctx, insert, "a")
	must(t, err)
	if _, err := db.ExecContext(ctx, insert, "a"); err == nil {
		t.Fatal("duplicate accepted")
	}
	_, err = db.ExecContext(ctx, insert, "b")
	must(t, err)
	var n int
	must(t, db.QueryRowContext(ctx, `SELECT count(*) FROM t`).Scan(&n))
	equal(t, n, 2, "rows")
}

// The same query run while its earlier rows are still open gets a
// statement of its own: both read their own rows.
func TestPreparedStatementInUse(t *testing.T) {
	ctx := t.Context()
	db := openCachedTemp(t)
	tx, err := db.BeginTx(ctx, nil)
	must(t, err)
	defer tx.Rollback()
	for _, v := range []string{"a", "b", "c"} {
		_, err := tx.ExecContext(ctx, `INSERT INTO t (v) VALUES (?)`, v)
		must(t, err)
	}
	const list = `SELECT v FROM t WHERE v >= ? ORDER BY v`
	outer, err := tx.QueryContext(ctx, list, "a")
	must(t, err)
	var got []string
	for outer.Next() {
		var v string
		must(t, outer.Scan(&v))
		var inner []string
		rows, err := tx.QueryContext(ctx, list, v)
		must(t, err)
		for rows.Next() {
			var w string
			must(t, rows.Scan(&w))
			inner = append(inner, w)
		}
		must(t, rows.Err())
		rows.Close()
		got = append(got, v+":"+inner[0]+"…"+inner[len(inner)-1])
	}
	must(t, outer.Err())
	outer.Close()
	want := []string{"a:a…c", "b:b…c", "c:c…c"}
	if len(got) != len(want) {
		t.Fatalf("got %v, want %v", got, want)
	}
	for i := range want {
		equal(t, got[i], want[i], "row")
	}
	must(t, tx.Commit())
	if st := cacheOf(t, db)[list]; st == nil || st.busy {
		t.Fatalf("list statement not cached or left busy: %+v", st)
	}
}

func must(t *testing.T, err error) {
	t.Helper()
	if err != nil {
		t.Fatal(err)
	}
}

func equal[T comparable](t *testing.T, got, want T, what string) {
	t.Helper()
	if got != want {
		t.Fatalf("%s: got %v, want %v", what, got, want)
	}
}

// OpenCounting counts each return of a connection to its pool — after a
// statement, a transaction, a *sql.Conn — and none while one caller
// keeps it.
func TestOpenCountingCountsReturns(t *testing.T) {
	ctx := t.Context()
	var returned atomic.Uint64
	db := OpenCounting("file:"+filepath.Join(t.TempDir(), "count.db")+"?_pragma=journal_mode(WAL)&_txlock=immediate", &returned)
	db.SetMaxOpenConns(1)
	t.Cleanup(func() { db.Close() })
	_, err := db.ExecContext(ctx, `CREATE TABLE t (v TEXT)`)
	must(t, err)
	equal(t, returned.Load(), uint64(1), "returns after a statement")

	tx, err := db.BeginTx(ctx, nil)
	must(t, err)
	_, err = tx.ExecContext(ctx, `INSERT INTO t VALUES ('a')`)
	must(t, err)
	equal(t, returned.Load(), uint64(1), "returns while a transaction runs")
	must(t, tx.Commit())
	equal(t, returned.Load(), uint64(2), "returns after the transaction")

	c, err := db.Conn(ctx)
	must(t, err)
	var n int
	must(t, c.QueryRowContext(ctx, `SELECT count(*) FROM t`).Scan(&n))
	equal(t, returned.Load(), uint64(2), "returns while a *sql.Conn is kept")
	must(t, c.Close())
	equal(t, returned.Load(), uint64(3), "returns after the *sql.Conn")
}
