package cluster

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"antom-checkout/db/pgbin"
	"antom-checkout/internal/syncbuf"
)

// TestStartPostgresTwiceInARelativeDeepDir starts the server as make
// run-cluster does on a fresh clone (DATA_DIR=data: a path relative to
// the working directory), here a deep one, stops it, and starts it again
// on the data it kept: both starts answer, and the server logs no ERROR.
// (A relative socket directory once stopped it with "could not create
// lock file", a deep one with "could not create any Unix-domain sockets",
// and each restart logged "database \"checkout\" already exists".)
func TestStartPostgresTwiceInARelativeDeepDir(t *testing.T) {
	if _, err := pgbin.Dir(); errors.Is(err, pgbin.ErrMissing) {
		if os.Getenv("CI") != "" {
			t.Fatal("PostgreSQL is not installed, and CI is set")
		}
		t.Skip("PostgreSQL is not installed (apt-get install postgresql)")
	}
	t.Chdir(t.TempDir())
	dir := filepath.Join("data", strings.Repeat("deep", 30), "postgres")
	var out syncbuf.Buffer
	for _, start := range []string{"first start", "restart"} {
		pg, err := StartPostgres(context.Background(), dir, &out)
		if err != nil {
			t.Fatalf("%s: %v; the server said:\n%s", start, err, out.String())
		}
		if err := pg.Stop(); err != nil {
			t.Errorf("%s: stop: %v", start, err)
		}
	}
	if _, err := os.Stat(filepath.Join(dir, "data", "PG_VERSION")); err != nil {
		t.Errorf("the server's data is not under DATA_DIR: %v", err)
	}
	for _, line := range strings.Split(out.String(), "\n") {
		if strings.Contains(line, "ERROR") {
			t.Errorf("the server logged: %s", line)
		}
	}
}
