package db

import (
	"context"
	"os"
	"path/filepath"
	"testing"
	"time"
)

// The database, its WAL and its shared-memory file are created 0600 (a
// copy of them holds sessions, buyers and sealed tokens), whatever the
// umask; a file left looser by an earlier version is tightened.
func TestDatabaseFilesAreOwnerOnly(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "checkout.db")
	d, err := Open(context.Background(), path)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := d.InsertBuyer(context.Background(), "mode@example.com", []byte("hash"), time.Now()); err != nil {
		t.Fatal(err)
	}
	for _, p := range []string{path, path + "-wal", path + "-shm"} {
		st, err := os.Stat(p)
		if err != nil {
			t.Fatal(err)
		}
		if st.Mode().Perm() != 0o600 {
			t.Errorf("%s has mode %v, want 0600", filepath.Base(p), st.Mode().Perm())
		}
	}
	d.Close()

	if err := os.Chmod(path, 0o644); err != nil {
		t.Fatal(err)
	}
	d, err = Open(context.Background(), path)
	if err != nil {
		t.Fatal(err)
	}
	defer d.Close()
	if st, _ := os.Stat(path); st.Mode().Perm() != 0o600 {
		t.Errorf("an existing 0644 database was left %v", st.Mode().Perm())
	}
}
