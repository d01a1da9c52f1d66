package db

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
)

// restrictFiles makes the database file readable and writable by its owner
// only (0600), creating it empty if it does not exist, so that SQLite's
// WAL and shared-memory files — which SQLite creates with the database
// file's mode — are 0600 too. Files left looser by an earlier version are
// tightened.
func restrictFiles(path string) error {
	f, err := os.OpenFile(path, os.O_RDWR|os.O_CREATE, 0o600)
	if err != nil {
		return sqliteOpenError(path, err)
	}
	f.Close()
	for _, p := range []string{path, path + "-wal", path + "-shm", path + "-journal"} {
		err := os.Chmod(p, 0o600)
		if err != nil && !errors.Is(err, fs.ErrNotExist) {
			return fmt.Errorf("db: restrict %s: %w", p, err)
		}
	}
	return nil
}
