package app_test

import (
	"context"
	"log/slog"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"antom-checkout/app"
)

// TestDatabaseThatCannotBeOpenedNamesItsSetting: a database that cannot
// be reached or created stops the start with one line that starts with
// the setting, says what to do and gives the reason once — never the
// password (before: "db: open postgres: …" with pgx's reason twice, and
// "db: open F: open F: …" for SQLite).
func TestDatabaseThatCannotBeOpenedNamesItsSetting(t *testing.T) {
	start := func(env map[string]string) string {
		cfg, err := app.Load(func(k string) string { return env[k] })
		if err != nil {
			t.Fatal(err)
		}
		a, err := app.New(context.Background(), cfg, slog.New(slog.DiscardHandler))
		if err == nil {
			a.Close()
			t.Fatalf("%v: started", env)
		}
		msg := err.Error()
		if strings.Contains(msg, "\n") || strings.Contains(msg, "secretpw") {
			t.Errorf("error %q: want one line without the password", msg)
		}
		return msg
	}

	msg := start(map[string]string{"DATA_DIR": t.TempDir(), "DATABASE_URL": "postgres://checkout:secretpw@127.0.0.1:1/checkout?connect_timeout=5"})
	if !strings.HasPrefix(msg, "DATABASE_URL: cannot connect (failed to connect to `user=checkout database=checkout`: 127.0.0.1:1") ||
		strings.Count(msg, "connection refused") != 1 || !strings.Contains(msg, "check that PostgreSQL runs") {
		t.Errorf("unreachable PostgreSQL: %q", msg)
	}

	dir := t.TempDir()
	if err := os.Mkdir(filepath.Join(dir, "checkout.db"), 0o700); err != nil { // unusable as a file, even for root
		t.Fatal(err)
	}
	file := filepath.Join(dir, "checkout.db")
	msg = start(map[string]string{"DATA_DIR": dir})
	if !strings.HasPrefix(msg, "DATA_DIR: cannot open "+file+" (") || strings.Count(msg, file) != 1 ||
		!strings.Contains(msg, "is a directory") || !strings.HasSuffix(msg, "make DATA_DIR a directory the app's user can write") {
		t.Errorf("unusable checkout.db: %q", msg)
	}

	notDir := filepath.Join(t.TempDir(), "file")
	if err := os.WriteFile(notDir, nil, 0o600); err != nil {
		t.Fatal(err)
	}
	msg = start(map[string]string{"DATA_DIR": filepath.Join(notDir, "data")})
	if !strings.HasPrefix(msg, "DATA_DIR: cannot create "+filepath.Join(notDir, "data")+" (not a directory)") {
		t.Errorf("DATA_DIR under a file: %q", msg)
	}
}
