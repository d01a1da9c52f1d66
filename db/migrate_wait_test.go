package db_test

import (
	"database/sql"
	"testing"
	"time"

	"antom-checkout/db"
	"antom-checkout/db/dbtest"
)

// An instance starting while another process holds the SQLite file's
// write lock longer than a statement's busy_timeout (5 s: another
// instance migrating a large database, or a busy machine) waits for it
// and starts, rather than stop on "database is locked".
func TestStartWaitsOutAMigrationLongerThanBusyTimeout(t *testing.T) {
	if testing.Short() {
		t.Skip("holds the lock for 6 s")
	}
	source := dbtest.Source(t, db.SQLite)
	first, err := db.Open(ctx, source)
	check(t, err)
	check(t, first.Close())

	other, err := sql.Open("sqlite", "file:"+source)
	check(t, err)
	defer other.Close()
	conn, err := other.Conn(ctx)
	check(t, err)
	defer conn.Close()
	_, err = conn.ExecContext(ctx, "BEGIN IMMEDIATE")
	check(t, err)
	const held = 6 * time.Second
	released := time.AfterFunc(held, func() { _, _ = conn.ExecContext(ctx, "ROLLBACK") })
	defer released.Stop()

	start := time.Now()
	d, err := db.Open(ctx, source)
	if err != nil {
		t.Fatalf("opened while the lock was held for %s: %v (after %s)", held, err, time.Since(start).Round(time.Millisecond))
	}
	defer d.Close()
	if waited := time.Since(start); waited < held {
		t.Errorf("opened after %s, before the lock (held %s) was let go", waited, held)
	}
	eq(t, schemaVersion(t, d), len(db.Migrations), "schema version")
}
