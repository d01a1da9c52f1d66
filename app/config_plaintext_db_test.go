package app

import (
	"log/slog"
	"strings"
	"testing"

	"antom-checkout/internal/syncbuf"
)

// With real Antom, a DATABASE_URL on another machine whose sslmode lets
// the connection go unencrypted logs a WARN line at start naming the
// sslmode (never the password); TLS required, this machine, SQLite or
// the sandbox log none.
func TestStartWarnsOfAPlaintextDatabase(t *testing.T) {
	t.Setenv("PGSSLMODE", "")
	const warning = `level=WARN msg="DATABASE_URL's sslmode lets the connection to PostgreSQL on another machine go unencrypted`
	for _, c := range []struct {
		url     string
		sandbox bool
		mode    string // "" for no warning
	}{
		{"postgres://app:hunter2secret@db.example.com:5432/checkout", false, `sslmode="unset (pgx's default: prefer, or PGSSLMODE)" host=db.example.com`},
		{"postgres://app:hunter2secret@10.0.0.7/checkout?sslmode=prefer", false, "sslmode=prefer host=10.0.0.7"},
		{"postgres://app:hunter2secret@10.0.0.7/checkout?sslmode=allow", false, "sslmode=allow host=10.0.0.7"},
		{"postgres://app:hunter2secret@10.0.0.7/checkout?sslmode=disable", false, "sslmode=disable host=10.0.0.7"},
		{"postgres://app:hunter2secret@db.example.com/checkout?sslmode=verify-full", false, ""},
		{"postgres://app:hunter2secret@db.example.com/checkout?sslmode=require", false, ""},
		{"postgres://app:hunter2secret@127.0.0.1/checkout", false, ""},
		{"postgres://app:hunter2secret@db.example.com/checkout", true, ""},
		{"", false, ""},
	} {
		logs := &syncbuf.Buffer{}
		warnExposed(Config{DatabaseURL: c.url, Sandbox: c.sandbox}, slog.New(slog.NewTextHandler(logs, nil)))
		got := logs.String()
		if strings.Contains(got, "hunter2secret") {
			t.Fatalf("%s: the log has the password:\n%s", c.url, got)
		}
		switch {
		case c.mode == "" && strings.Contains(got, "level=WARN"):
			t.Errorf("%s (sandbox %v): warned:\n%s", c.url, c.sandbox, got)
		case c.mode != "" && (!strings.Contains(got, warning) || !strings.Contains(got, c.mode)):
			t.Errorf("%s: no warning with %s in\n%s", c.url, c.mode, got)
		}
	}
}
