package app

import (
	"context"
	"log/slog"
	"regexp"
	"strings"
	"testing"

	"antom-checkout/db"
	"antom-checkout/internal/syncbuf"
)

// A start that ran migrations logs one INFO line saying so: a new
// database created at its schema, or one upgraded from → to; a start with
// nothing to migrate logs none.
func TestStartLogsSchemaMigrations(t *testing.T) {
	dir := t.TempDir()
	start := func() string {
		logs := &syncbuf.Buffer{}
		env := map[string]string{"DATA_DIR": dir, "ADMIN_PASSWORD": "correct horse battery staple"}
		cfg, err := load(env)
		check(t, err)
		a, err := New(context.Background(), cfg, slog.New(slog.NewTextHandler(logs, nil)))
		check(t, err)
		check(t, a.Close())
		return logs.String()
	}
	created := regexp.MustCompile(`level=INFO msg="database created at schema [1-9][0-9]*" database=sqlite\n`)
	if logs := start(); len(created.FindAllString(logs, -1)) != 1 {
		t.Fatalf("first start:\n%s", logs)
	}
	if logs := start(); strings.Contains(logs, "schema") {
		t.Fatalf("start with nothing to migrate:\n%s", logs)
	}

	logs := &syncbuf.Buffer{}
	logSchema(slog.New(slog.NewTextHandler(logs, nil)), 28, 51, db.PostgreSQL)
	if !strings.Contains(logs.String(), `level=INFO msg="database upgraded from schema 28 to 51" database=postgres`) {
		t.Fatalf("upgrade: %s", logs)
	}
}
