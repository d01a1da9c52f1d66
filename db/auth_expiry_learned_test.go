package db_test

import (
	"testing"
	"time"

	"antom-checkout/db"
	"antom-checkout/db/dbtest"
)

// LearnAuthExpiry records an expiry only on a successful attempt that has
// none: what was recorded first stands, and an attempt that is not
// successful learns none.
func TestLearnAuthExpiry(t *testing.T) {
	dbtest.ForEachBackend(t, func(t *testing.T, d *db.DB) {
		first, later := t0.Add(7*24*time.Hour), t0.Add(8*24*time.Hour)
		authorized := authorizedUntil(t, d, "ORD-LEARN-1", time.Time{})
		open := newAttempt(t, d, newOrder(t, d, "ORD-LEARN-2", 0, "USD", 500), "PR-ORD-LEARN-2")
		learn := func(id int64, at time.Time) bool {
			t.Helper()
			var got bool
			check(t, d.Tx(ctx, func(q *db.Queries) error {
				var err error
				got, err = q.LearnAuthExpiry(ctx, id, at, t0)
				return err
			}))
			return got
		}
		eq(t, learn(authorized.ID, first), true, "a successful attempt without an expiry learns it")
		eq(t, learn(authorized.ID, later), false, "a known expiry is not replaced")
		eq(t, learn(open.ID, first), false, "an attempt still processing learns none")
		a, err := d.AttemptByID(ctx, authorized.ID)
		check(t, err)
		eq(t, a.AuthExpiresAt.Equal(first), true, "the expiry kept is the first")
		a, err = d.AttemptByID(ctx, open.ID)
		check(t, err)
		eq(t, a.AuthExpiresAt.IsZero(), true, "the open attempt has none")
	})
}
