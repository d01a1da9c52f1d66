package db_test

import (
	"testing"
	"time"

	"github.com/alexedwards/scs/postgresstore"
	"github.com/alexedwards/scs/sqlite3store"
	"github.com/alexedwards/scs/v2"

	"antom-checkout/db"
	"antom-checkout/db/dbtest"
)

// FindSession finds what the backend's scs store committed while it
// lives, and nothing once it expired, was deleted, or never was.
func TestFindSession(t *testing.T) {
	dbtest.ForEachBackend(t, func(t *testing.T, d *db.DB) {
		store := scsStore(d)
		check(t, store.Commit("live", []byte{0, 1, 2, 255}, time.Now().Add(time.Hour)))
		check(t, store.Commit("expired", []byte("old"), time.Now().Add(-time.Second)))
		check(t, store.Commit("deleted", []byte("gone"), time.Now().Add(time.Hour)))
		check(t, store.Delete("deleted"))
		for range 3 { // prepared once, run again
			data, found, err := d.FindSession(ctx, "live")
			check(t, err)
			if !found || string(data) != "\x00\x01\x02\xff" {
				t.Fatalf("live session: found=%v data=%v", found, data)
			}
		}
		for _, token := range []string{"expired", "deleted", "never"} {
			if data, found, err := d.FindSession(ctx, token); err != nil || found || data != nil {
				t.Errorf("%s session: found=%v data=%v err=%v", token, found, data, err)
			}
		}
	})
}

// scsStore is scs's own store for d's backend, without its cleanup: what
// writes the sessions FindSession and CommitSessionIf read and write over.
func scsStore(d *db.DB) scs.Store {
	if d.Backend() == db.PostgreSQL {
		return postgresstore.NewWithCleanupInterval(d.SQL(), 0)
	}
	return sqlite3store.NewWithCleanupInterval(d.SQL(), 0)
}
