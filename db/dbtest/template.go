package dbtest

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"sync"
	"testing"

	"antom-checkout/db"
)

// Migrating a fresh database runs every migration; under the race
// detector, on SQLite's translated C, that is a large part of a test
// that opens one. OpenOn instead starts each test from a copy of one
// database this binary migrated once (per backend): the same schema and
// seed rows a migrated fresh database has, made by the same migrations.
// Source and PostgresURL still hand out empty databases, for tests of
// the migrations themselves.

// sqliteTemplate is the bytes of a freshly migrated SQLite file, made on
// first use.
var sqliteTemplate struct {
	once  sync.Once
	bytes []byte
	err   error
}

// migratedSQLite writes a freshly migrated SQLite database at path, a
// copy of the template (0600, as db.Open leaves its files).
func migratedSQLite(path string) error {
	t := &sqliteTemplate
	t.once.Do(func() { t.bytes, t.err = makeSQLiteTemplate() })
	if t.err != nil {
		return t.err
	}
	return os.WriteFile(path, t.bytes, 0o600)
}

// makeSQLiteTemplate migrates a new SQLite file in a temporary directory,
// closes it — the last connection's close checkpoints the WAL into the
// file and removes it — and returns the file's bytes.
func makeSQLiteTemplate() ([]byte, error) {
	dir, err := os.MkdirTemp("", "dbtest-template-")
	if err != nil {
		return nil, err
	}
	defer os.RemoveAll(dir)
	path := filepath.Join(dir, "checkout.db")
	d, err := db.Open(context.Background(), path)
	if err != nil {
		return nil, fmt.Errorf("dbtest: template: %w", err)
	}
	if err := d.Close(); err != nil {
		return nil, fmt.Errorf("dbtest: template: %w", err)
	}
	if _, err := os.Stat(path + "-wal"); !errors.Is(err, fs.ErrNotExist) {
		return nil, fmt.Errorf("dbtest: template: the WAL outlived the close (%v): the file alone is not the database", err)
	}
	return os.ReadFile(path)
}

// postgresTemplate is the name of this binary's migrated PostgreSQL
// database that new test databases are created from, made on first use.
var postgresTemplate struct {
	once sync.Once
	name string
	err  error
}

// migratedPostgres creates a database for the test from the migrated
// template and returns its URL; it is dropped when the test ends.
func migratedPostgres(tb testing.TB) string {
	tb.Helper()
	srv := server(tb)
	t := &postgresTemplate
	t.once.Do(func() { t.name, t.err = makePostgresTemplate(srv) })
	if t.err != nil {
		tb.Fatal(t.err)
	}
	return createDatabase(tb, srv, t.name)
}

// makePostgresTemplate creates and migrates this binary's template
// database, then closes every connection to it and forbids new ones, as
// CREATE DATABASE … TEMPLATE needs. Main drops it.
func makePostgresTemplate(srv *pgServer) (string, error) {
	ctx := context.Background()
	name := fmt.Sprintf("dbtest_%s_template", runID)
	if _, err := srv.admin.ExecContext(ctx, "CREATE DATABASE "+name+" TEMPLATE template0"); err != nil {
		return "", fmt.Errorf("dbtest: create template: %w", err)
	}
	srv.templates = append(srv.templates, name)
	d, err := db.Open(ctx, srv.url(name))
	if err != nil {
		return "", fmt.Errorf("dbtest: migrate template: %w", err)
	}
	if err := d.Close(); err != nil {
		return "", fmt.Errorf("dbtest: close template: %w", err)
	}
	// CREATE DATABASE waits a few seconds for sessions still ending on
	// the template; none may start anew.
	if _, err := srv.admin.ExecContext(ctx, "ALTER DATABASE "+name+" WITH ALLOW_CONNECTIONS false"); err != nil {
		return "", fmt.Errorf("dbtest: seal template: %w", err)
	}
	if _, err := srv.admin.ExecContext(ctx, "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = $1", name); err != nil {
		return "", fmt.Errorf("dbtest: seal template: %w", err)
	}
	return name, nil
}
