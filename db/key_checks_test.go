package db_test

import (
	"bytes"
	"sync"
	"testing"

	"antom-checkout/db"
	"antom-checkout/db/dbtest"
)

// The first key check stored is kept: a later one, or another
// instance's, gets the first back to compare its key against.
func TestKeepKeyCheck(t *testing.T) {
	dbtest.ForEachBackend(t, func(t *testing.T, d *db.DB) {
		kept, err := d.KeepKeyCheck(ctx, "token key", []byte("first"), t0)
		check(t, err)
		eq(t, string(kept), "first", "the first start's check")
		kept, err = d.KeepKeyCheck(ctx, "token key", []byte("second"), t0)
		check(t, err)
		eq(t, string(kept), "first", "a later start gets the first check back")
		kept, err = d.KeepKeyCheck(ctx, "another check", []byte("other"), t0)
		check(t, err)
		eq(t, string(kept), "other", "another name's check")
	})
}

// Instances starting together on a new database keep one check between
// them, and each gets that one back.
func TestKeepKeyCheckStartingTogether(t *testing.T) {
	for _, b := range backends {
		t.Run(string(b), func(t *testing.T) {
			source := dbtest.Source(t, b)
			const n = 4
			handles := make([]*db.DB, n)
			for i := range handles {
				d, err := db.Open(ctx, source)
				check(t, err)
				defer d.Close()
				handles[i] = d
			}
			got := make([][]byte, n)
			errs := make([]error, n)
			var wg sync.WaitGroup
			for i, d := range handles {
				wg.Go(func() { got[i], errs[i] = d.KeepKeyCheck(ctx, "token key", []byte{byte('a' + i)}, t0) })
			}
			wg.Wait()
			for i := range got {
				check(t, errs[i])
				if !bytes.Equal(got[i], got[0]) {
					t.Fatalf("instance %d got check %q, instance 0 %q: more than one kept", i, got[i], got[0])
				}
			}
		})
	}
}
