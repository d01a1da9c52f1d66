package db_test

import (
	"testing"

	"antom-checkout/db"
	"antom-checkout/db/dbtest"
)

// Open reports which schema it found and which it left, for the app's
// log: 0 → all for a new database, 28 → all for an earlier release's,
// all → all when there was nothing to do. On both backends.
func TestOpenReportsMigrations(t *testing.T) {
	all := len(db.Migrations)
	for _, b := range backends {
		t.Run(string(b), func(t *testing.T) {
			fresh := dbtest.Source(t, b)
			d, err := db.Open(ctx, fresh)
			check(t, err)
			from, to := d.Migrated()
			eq(t, [2]int{from, to}, [2]int{0, all}, "a new database")
			check(t, d.Close())
			d, err = db.Open(ctx, fresh)
			check(t, err)
			from, to = d.Migrated()
			eq(t, [2]int{from, to}, [2]int{all, all}, "nothing to do")
			check(t, d.Close())

			older := dbtest.Source(t, b)
			old, err := db.OpenAt(ctx, older, 28)
			check(t, err)
			check(t, old.Close())
			d, err = db.Open(ctx, older)
			check(t, err)
			from, to = d.Migrated()
			eq(t, [2]int{from, to}, [2]int{28, all}, "an earlier release's database")
			check(t, d.Close())
		})
	}
}
