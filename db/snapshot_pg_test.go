package db_test

import (
	"context"
	"errors"
	"testing"

	"antom-checkout/db"
	"antom-checkout/db/dbtest"
)

// A snapshot on PostgreSQL whose context ends while it reads returns the
// context's error even though its reads went through (the result page's
// long-poll, ended by the browser, is logged 499, not 500).
func TestSnapshotEndedByItsContext(t *testing.T) {
	d := dbtest.OpenOn(t, db.PostgreSQL)
	o := newOrder(t, d, "ORD-SNAP-CTX", 0, "USD", 100)
	read, cancel := context.WithCancel(ctx)
	err := d.Snapshot(read, func(q *db.Queries) error {
		_, err := q.OrderByRef(read, o.Ref)
		cancel() // the request ends after the last read
		return err
	})
	is(t, err, context.Canceled, "a snapshot whose context ended")
}

// However a snapshot on PostgreSQL ends — its reads done, fn's error, a
// statement PostgreSQL refused, nothing read, its last reads sent with
// its COMMIT (ReadLast), one of them refused — it leaves no connection of
// the pool in a transaction (more snapshots than the pool has
// connections).
func TestSnapshotLeavesNoTransactionOpen(t *testing.T) {
	d := dbtest.OpenOn(t, db.PostgreSQL)
	o := newOrder(t, d, "ORD-SNAP-END", 0, "USD", 100)
	broken := errors.New("fn failed")
	var name string
	check(t, d.Raw().QueryRowContext(ctx, `SELECT current_database()`).Scan(&name))
	for i := range 36 {
		err := d.Snapshot(ctx, func(q *db.Queries) error {
			var attempts []db.Attempt
			switch i % 6 { // the last one reads
			case 4:
				return q.ReadLast(ctx, db.ReadAttemptsOfOrder(o.ID, &attempts), db.ReadSQL("one", `SELECT 1`))
			case 5:
				if _, err := q.OrderByRef(ctx, o.Ref); err != nil {
					return err
				}
				return q.ReadLast(ctx, db.ReadAttemptsOfOrder(o.ID, &attempts), db.ReadSQL("broken", `SELECT 1/(COUNT(*) - COUNT(*)) FROM orders`))
			case 0:
				return nil
			case 1:
				if _, err := q.OrderByRef(ctx, o.Ref); err != nil {
					return err
				}
				return broken
			case 2:
				_, err := q.Q().ExecContext(ctx, `SELECT no_such_column FROM orders`)
				return err
			}
			got, err := q.OrderByRef(ctx, o.Ref)
			eq(t, got.Status, db.OrderOpen, "the order read in a snapshot")
			return err
		})
		if (err != nil) != (i%6 == 1 || i%6 == 2 || i%6 == 5) {
			t.Fatalf("snapshot %d: %v", i, err)
		}
	}
	// Looked at from another database's pool: a query on d would take a
	// connection of d's pool, and pgx drops one left in a transaction
	// when it is taken (stdlib's ResetSession), hiding it.
	other := dbtest.OpenOn(t, db.PostgreSQL)
	waitFor(t, "no connection left in a transaction", func() bool {
		var n int
		check(t, other.Raw().QueryRowContext(ctx, `SELECT COUNT(*) FROM pg_stat_activity
			WHERE datname = ? AND state LIKE 'idle in transaction%'`, name).Scan(&n))
		return n == 0
	})
}
