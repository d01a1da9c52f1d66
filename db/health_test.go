package db

import (
	"context"
	"database/sql"
	"path/filepath"
	"testing"
	"time"
)

// While another connection holds SQLite's write lock, the probe fails
// within its short wait (not the app's 5-second busy timeout), on a
// connection of its own: the app's write connection keeps its own busy
// timeout.
func TestCheckWriteFailsWhileTheWriteLockIsHeld(t *testing.T) {
	path := filepath.Join(t.TempDir(), "checkout.db")
	d, err := Open(context.Background(), path)
	if err != nil {
		t.Fatal(err)
	}
	defer d.Close()
	if err := d.CheckWrite(context.Background()); err != nil {
		t.Fatalf("probe on an idle database: %v", err)
	}

	holder := holdWriteLock(t, path)
	start := time.Now()
	if err := d.CheckWrite(context.Background()); err == nil {
		t.Fatal("the probe wrote while another connection held the write lock")
	}
	if waited := time.Since(start); waited > 3*time.Second {
		t.Fatalf("the probe waited %v", waited)
	}
	var busy int
	if err := d.sql.QueryRow(`PRAGMA busy_timeout`).Scan(&busy); err != nil || busy != 5000 {
		t.Fatalf("busy_timeout after the probe = %d (%v), want 5000", busy, err)
	}
	holder.Rollback()
	if err := d.CheckWrite(context.Background()); err != nil {
		t.Fatalf("probe after the lock was released: %v", err)
	}
}

// holdWriteLock opens a second connection to path and holds a write
// transaction on it until the returned Tx ends (or the test does).
func holdWriteLock(t *testing.T, path string) *sql.Tx {
	t.Helper()
	other, err := sql.Open("sqlite", "file:"+path+"?_pragma=busy_timeout(5000)&_txlock=immediate")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { other.Close() })
	tx, err := other.Begin()
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { tx.Rollback() })
	if _, err := tx.Exec(`UPDATE health_probe SET checked_at = 'held' WHERE id = 1`); err != nil {
		t.Fatal(err)
	}
	return tx
}
