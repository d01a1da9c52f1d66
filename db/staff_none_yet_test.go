package db_test

import (
	"os"
	"path/filepath"
	"testing"

	"antom-checkout/db"
	"antom-checkout/db/dbtest"
)

// NoStaffYet says, creating nothing, that a database certainly has no
// staff account: a SQLite file not there yet (an existing one is not
// opened), a PostgreSQL database whose schema is not created, or whose
// staff table is empty; once an account is in, it says so.
func TestNoStaffYet(t *testing.T) {
	t.Run("sqlite", func(t *testing.T) {
		dir := filepath.Join(t.TempDir(), "data")
		source := filepath.Join(dir, "checkout.db")
		none, err := db.NoStaffYet(ctx, source)
		check(t, err)
		eq(t, none, true, "no file yet")
		if _, err := os.Stat(dir); !os.IsNotExist(err) {
			t.Fatalf("NoStaffYet created %s: %v", dir, err)
		}
		check(t, os.Mkdir(dir, 0o700))
		d, err := db.Open(ctx, source) // a file that exists, even without staff: not opened
		check(t, err)
		check(t, d.Close())
		none, err = db.NoStaffYet(ctx, source)
		check(t, err)
		eq(t, none, false, "a file that exists")
	})
	t.Run("postgres", func(t *testing.T) {
		url := dbtest.PostgresURL(t)
		none, err := db.NoStaffYet(ctx, url)
		check(t, err)
		eq(t, none, true, "no schema yet")
		d, err := db.Open(ctx, url)
		check(t, err)
		defer d.Close()
		from, _ := d.Migrated()
		eq(t, from, 0, "the schema NoStaffYet found (none: it created nothing)")
		none, err = db.NoStaffYet(ctx, url)
		check(t, err)
		eq(t, none, true, "schema, no staff")
		_, err = d.InsertStaff(ctx, db.Staff{Email: "admin@shop.example", PasswordHash: []byte("a"), AddedBy: "first start", CreatedAt: t0})
		check(t, err)
		none, err = db.NoStaffYet(ctx, url)
		check(t, err)
		eq(t, none, false, "a staff account")
	})
}
