package cluster

import (
	"context"
	"errors"
	"io"
	"os"
	"path/filepath"
	"testing"

	"antom-checkout/db/pgbin"
)

// TestStartPostgresInARelativeDir starts the server as make run-cluster
// does on a fresh clone (DATA_DIR=data: a path relative to the working
// directory), and finds its database answering. PostgreSQL reads paths
// relative to its own data directory, so a relative socket directory
// once stopped it with "could not create lock file".
func TestStartPostgresInARelativeDir(t *testing.T) {
	if _, err := pgbin.Dir(); errors.Is(err, pgbin.ErrMissing) {
		if os.Getenv("CI") != "" {
			t.Fatal("PostgreSQL is not installed, and CI is set")
		}
		t.Skip("PostgreSQL is not installed (apt-get install postgresql)")
	}
	t.Chdir(t.TempDir())
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	pg, err := StartPostgres(ctx, filepath.Join("data", "postgres"), io.Discard)
	if err != nil {
		t.Fatal(err)
	}
	if err := pg.Stop(); err != nil {
		t.Errorf("stop: %v", err)
	}
	if _, err := os.Stat(filepath.Join("data", "postgres", "data", "PG_VERSION")); err != nil {
		t.Errorf("the server's data is not under DATA_DIR: %v", err)
	}
}
