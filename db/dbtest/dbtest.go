// Package dbtest hands tests a fresh, empty database on either backend:
// SQLite in the test's temp dir, or PostgreSQL — the server at
// TEST_DATABASE_URL when set (its user needs CREATEDB), else a throwaway
// server this package starts once per test binary from Debian's
// postgresql (see server.go) and stops when the tests end. Each test gets
// a database of its own, dropped when it ends.
//
// A package whose tests may use PostgreSQL runs them through Main:
//
//	func TestMain(m *testing.M) { dbtest.Main(m) }
//
// Without PostgreSQL's binaries (and no TEST_DATABASE_URL) the PostgreSQL
// tests skip, or fail when CI is set.
package dbtest

import (
	"context"
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"sync"
	"sync/atomic"
	"testing"

	"antom-checkout/db"
)

// Main runs the package's tests, then stops the throwaway PostgreSQL
// server if one was started, and exits with the tests' status.
func Main(m *testing.M) {
	inMain.Store(true)
	code := m.Run()
	if shared.srv != nil {
		if err := shared.srv.stop(); err != nil {
			fmt.Fprintln(os.Stderr, "dbtest:", err)
			if code == 0 {
				code = 1
			}
		}
	}
	os.Exit(code)
}

// Backend is the backend TEST_DB asks for: "postgres" for PostgreSQL;
// unset or "sqlite" for SQLite. Packages whose tests do not name a
// backend run on this one, so `TEST_DB=postgres go test ./checkout/`
// runs the checkout tests on PostgreSQL.
func Backend(tb testing.TB) db.Backend {
	switch v := os.Getenv("TEST_DB"); v {
	case "", "sqlite":
		return db.SQLite
	case "postgres":
		return db.PostgreSQL
	default:
		tb.Fatalf("TEST_DB=%q: want sqlite or postgres", v)
		return ""
	}
}

// Open opens a fresh database on Backend, closed when the test ends.
func Open(tb testing.TB) *db.DB {
	tb.Helper()
	return OpenOn(tb, Backend(tb))
}

// OpenOn opens a fresh database on the given backend, migrated and
// closed when the test ends: a copy of one this binary migrated once
// (template.go).
func OpenOn(tb testing.TB, backend db.Backend) *db.DB {
	tb.Helper()
	var source string
	if backend == db.SQLite {
		source = filepath.Join(tb.TempDir(), "checkout.db")
		if err := migratedSQLite(source); err != nil {
			tb.Fatal(err)
		}
	} else {
		source = migratedPostgres(tb)
	}
	d, err := db.Open(context.Background(), source)
	if err != nil {
		tb.Fatal(err)
	}
	tb.Cleanup(func() { d.Close() })
	return d
}

// Source returns what db.Open takes for a fresh, empty database on the
// backend: a file path in the test's temp dir, or the URL of a new
// PostgreSQL database (for app processes a test starts). The database is
// removed when the test ends.
func Source(tb testing.TB, backend db.Backend) string {
	tb.Helper()
	if backend == db.SQLite {
		return filepath.Join(tb.TempDir(), "checkout.db")
	}
	return PostgresURL(tb)
}

// PostgresURL creates an empty PostgreSQL database for the test and
// returns its URL; the database is dropped (its connections ended) when
// the test ends.
func PostgresURL(tb testing.TB) string {
	tb.Helper()
	return createDatabase(tb, server(tb), "template0")
}

// createDatabase creates a new database on srv from template and returns
// its URL; it is dropped (its connections ended) when the test ends.
func createDatabase(tb testing.TB, srv *pgServer, template string) string {
	tb.Helper()
	name := fmt.Sprintf("dbtest_%s_%d", runID, dbSeq.Add(1))
	ctx := context.Background()
	if _, err := srv.admin.ExecContext(ctx, "CREATE DATABASE "+name+" TEMPLATE "+template); err != nil {
		tb.Fatalf("dbtest: create database: %v", err)
	}
	tb.Cleanup(func() {
		if _, err := srv.admin.ExecContext(ctx, "DROP DATABASE "+name+" WITH (FORCE)"); err != nil {
			tb.Errorf("dbtest: drop database: %v", err)
		}
	})
	return srv.url(name)
}

// ForEachBackend runs fn as a subtest on SQLite and on PostgreSQL, each
// with a fresh database.
func ForEachBackend(t *testing.T, fn func(t *testing.T, d *db.DB)) {
	t.Helper()
	for _, b := range []db.Backend{db.SQLite, db.PostgreSQL} {
		t.Run(string(b), func(t *testing.T) { fn(t, OpenOn(t, b)) })
	}
}

// runID keeps this binary's database names apart from other binaries'
// on a shared TEST_DATABASE_URL server.
var runID = fmt.Sprintf("%d_%x", os.Getpid(), rand.Uint32())

var (
	inMain atomic.Bool  // Main runs the tests, and will stop the server
	dbSeq  atomic.Int64 // names each test's PostgreSQL database
	shared struct {
		once sync.Once
		srv  *pgServer
		err  error
	}
)

// server returns the PostgreSQL server the tests share, starting the
// throwaway one on first use; it skips the test (fails it under CI) when
// there is none to be had.
func server(tb testing.TB) *pgServer {
	tb.Helper()
	if !inMain.Load() {
		tb.Fatal("dbtest: the package's TestMain must call dbtest.Main(m), which stops the PostgreSQL server")
	}
	shared.once.Do(func() {
		if url := os.Getenv("TEST_DATABASE_URL"); url != "" {
			shared.srv, shared.err = external(url)
		} else {
			shared.srv, shared.err = startServer()
		}
	})
	if shared.err == errNoPostgres {
		if os.Getenv("CI") != "" {
			tb.Fatalf("dbtest: %v, and CI is set: install Debian's postgresql or set TEST_DATABASE_URL", shared.err)
		}
		tb.Skipf("dbtest: %v: skipping PostgreSQL (install Debian's postgresql or set TEST_DATABASE_URL)", shared.err)
	}
	if shared.err != nil {
		tb.Fatalf("dbtest: %v", shared.err)
	}
	return shared.srv
}
