package db_test

import (
	"context"
	"errors"
	"testing"
	"time"

	"antom-checkout/db"
	"antom-checkout/db/dbtest"
)

// While a transaction holds the lock every write needs, the write probe
// gives up within its own wait with ErrLockWait — the database is busy,
// not down — on SQLite (its busy wait, on the probe's own connection) as
// on PostgreSQL (its lock timeout), even when the transaction is this
// instance's own: held for less than writeStuckAfter it is a long
// transaction, not a wedged one (TestCheckWriteTellsItsOwnStuckHoldFromAnothersLock).
// Afterwards it writes again.
func TestCheckWriteWhileATransactionHoldsTheLock(t *testing.T) {
	dbtest.ForEachBackend(t, func(t *testing.T, d *db.DB) {
		check(t, d.CheckWrite(ctx))
		holding, release, done := make(chan struct{}), make(chan struct{}), make(chan error, 1)
		go func() {
			done <- d.Tx(ctx, func(q *db.Queries) error {
				// The lock is the transaction's from its first statement.
				if _, err := q.Events(ctx, "s"); err != nil {
					return err
				}
				if err := q.InsertEvent(ctx, db.Event{At: t0, Subject: "s", Kind: "k", Detail: "holding"}); err != nil {
					return err
				}
				close(holding)
				<-release
				return nil
			})
		}()
		<-holding
		// The probe's own wait ends it, not its caller's: a bound ten
		// times the probe's, and a give-up well within it whatever the
		// machine's load (writeProbeWait is 700 ms).
		probeCtx, cancel := context.WithTimeout(ctx, 10*time.Second)
		start := time.Now()
		err := d.CheckWrite(probeCtx)
		took := time.Since(start)
		cancel()
		close(release)
		check(t, <-done)
		if err == nil {
			t.Fatal("the probe wrote while a transaction held the lock")
		}
		if !errors.Is(err, db.ErrLockWait) || took >= 5*time.Second {
			t.Fatalf("the probe gave up after %v with %v; want db.ErrLockWait on its own wait", took, err)
		}
		check(t, d.CheckWrite(ctx))
	})
}
