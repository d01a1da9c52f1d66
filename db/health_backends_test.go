package db_test

import (
	"context"
	"testing"
	"time"

	"antom-checkout/db"
	"antom-checkout/db/dbtest"
)

// While a transaction holds the lock every write needs, the write probe
// fails (within the caller's deadline on SQLite, whose one connection the
// transaction holds; within its lock timeout on PostgreSQL); afterwards
// it writes again.
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
		probeCtx, cancel := context.WithTimeout(ctx, time.Second)
		err := d.CheckWrite(probeCtx)
		cancel()
		close(release)
		check(t, <-done)
		if err == nil {
			t.Fatal("the probe wrote while a transaction held the lock")
		}
		check(t, d.CheckWrite(ctx))
	})
}
