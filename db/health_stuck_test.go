package db_test

import (
	"context"
	"database/sql"
	"errors"
	"testing"
	"time"

	"antom-checkout/db"
	"antom-checkout/db/dbtest"
)

// holdInTx holds d's write lock in a transaction (from its first
// statement) until release is closed; done gets the transaction's error.
func holdInTx(t *testing.T, d *db.DB) (release chan struct{}, done chan error) {
	t.Helper()
	holding, release, done := make(chan struct{}), make(chan struct{}), make(chan error, 1)
	go func() {
		done <- d.Tx(ctx, func(q *db.Queries) error {
			if err := q.InsertEvent(ctx, db.Event{At: t0, Subject: "s", Kind: "k", Detail: "holding"}); err != nil {
				return err
			}
			if _, err := q.Events(ctx, "s"); err != nil { // sends the kept insert: the lock is held
				return err
			}
			close(holding)
			<-release
			return nil
		})
	}()
	select {
	case <-holding:
	case err := <-done:
		t.Fatalf("the holding transaction ended: %v", err)
	}
	return release, done
}

// Two instances on one database, each calling a hold stuck at once (a
// bound of 0: seen by two probes in a row). While a transaction of one
// holds the write lock, the other's probe says busy (ErrLockWait) however
// long it lasts: a lock held elsewhere is no reason to take an instance
// out of its load balancer. The holder's own probe says stuck
// (ErrWriteStuck): its own write connection (SQLite), its own
// transaction (PostgreSQL), held past the bound. Before, both said busy,
// and the wedged instance stayed in. Once the lock is let go, both write.
func TestCheckWriteTellsItsOwnStuckHoldFromAnothersLock(t *testing.T) {
	for _, backend := range []db.Backend{db.SQLite, db.PostgreSQL} {
		t.Run(string(backend), func(t *testing.T) {
			source := dbtest.Source(t, backend)
			holder, err := db.Open(ctx, source)
			check(t, err)
			defer holder.Close()
			other, err := db.Open(ctx, source)
			check(t, err)
			defer other.Close()
			holder.WriteStuckAfter(0)
			other.WriteStuckAfter(0)
			check(t, holder.CheckWrite(ctx))
			check(t, other.CheckWrite(ctx))

			release, done := holdInTx(t, holder)
			for probe := range 2 {
				if err := other.CheckWrite(ctx); !errors.Is(err, db.ErrLockWait) || errors.Is(err, db.ErrWriteStuck) {
					t.Fatalf("probe %d of the other instance: %v; want db.ErrLockWait (busy), not stuck", probe+1, err)
				}
			}
			holder.CheckWrite(ctx) // SQLite: the first probe to see the hold
			if err := holder.CheckWrite(ctx); !errors.Is(err, db.ErrWriteStuck) {
				t.Fatalf("the holding instance's probe: %v; want db.ErrWriteStuck", err)
			}
			close(release)
			check(t, <-done)
			check(t, holder.CheckWrite(ctx))
			check(t, other.CheckWrite(ctx))
		})
	}
}

// On SQLite a caller keeping the app's one write connection without
// writing (a leaked *sql.Conn, rows never closed) holds no lock, so the
// probe's own write goes through; every write of the app waits all the
// same, and the probe says stuck once the same caller has kept it past
// the bound (here 0: two probes in a row). Given back, it is not.
func TestCheckWriteCallsAKeptWriteConnectionStuck(t *testing.T) {
	d := dbtest.OpenOn(t, db.SQLite)
	d.WriteStuckAfter(0)
	kept, err := d.SQL().Conn(ctx)
	check(t, err)
	check(t, d.CheckWrite(ctx)) // the first probe to see it kept
	if err := d.CheckWrite(ctx); !errors.Is(err, db.ErrWriteStuck) {
		t.Fatalf("probe with the write connection kept: %v; want db.ErrWriteStuck", err)
	}
	check(t, kept.Close())
	check(t, d.CheckWrite(ctx))
	check(t, d.CheckWrite(ctx))
}

// A write connection that changes hands between probes is not stuck,
// however busy: each probe sees a new caller.
func TestCheckWriteDoesNotCallAConnectionChangingHandsStuck(t *testing.T) {
	d := dbtest.OpenOn(t, db.SQLite)
	d.WriteStuckAfter(0)
	for range 3 {
		kept, err := d.SQL().Conn(ctx)
		check(t, err)
		check(t, d.CheckWrite(ctx))
		check(t, kept.Close())
	}
}

// On PostgreSQL the probe has a connection of its own. A pool whose every
// connection waits for the lock another instance holds is busy, as that
// lock is: the probe answers ErrLockWait within its wait, not stuck, and
// not a timeout waiting for a connection of the pool (before, it queued
// there until its context ended: every instance 503 at once behind one
// long transaction). The instance holding the lock is the stuck one.
func TestCheckWriteOnAPoolWaitingForAnothersLockIsBusy(t *testing.T) {
	source := dbtest.Source(t, db.PostgreSQL)
	holder, err := db.Open(ctx, source)
	check(t, err)
	defer holder.Close()
	waiting, err := db.Open(ctx, source)
	check(t, err)
	defer waiting.Close()
	holder.WriteStuckAfter(0)
	waiting.WriteStuckAfter(0)

	release, done := holdInTx(t, holder)
	const waiters = 20 // every connection of the pool, and more waiting for one
	waits := make(chan error, waiters)
	for range waiters {
		go func() {
			waits <- waiting.Tx(ctx, func(q *db.Queries) error {
				_, err := q.Events(ctx, "s") // waits for the lock
				return err
			})
		}()
	}
	waitFor(t, "every connection of the pool waiting for the lock", func() bool {
		open, idle := waiting.Conns()
		return open == 10 && idle == 0
	})
	for probe := range 2 {
		probeCtx, cancel := context.WithTimeout(ctx, 10*time.Second) // its own wait (700 ms) ends it, not this
		start := time.Now()
		err := waiting.CheckWrite(probeCtx)
		took := time.Since(start)
		cancel()
		if !errors.Is(err, db.ErrLockWait) || errors.Is(err, db.ErrWriteStuck) || took >= 5*time.Second {
			t.Fatalf("probe %d with the pool waiting for another's lock: %v after %v; want db.ErrLockWait on its own wait", probe+1, err, took)
		}
	}
	if err := holder.CheckWrite(ctx); !errors.Is(err, db.ErrWriteStuck) {
		t.Fatalf("the holding instance's probe: %v; want db.ErrWriteStuck", err)
	}
	close(release)
	check(t, <-done)
	for range waiters {
		check(t, <-waits)
	}
	check(t, waiting.CheckWrite(ctx))
}

// On PostgreSQL a pool whose every connection is kept by its caller while
// the lock is free is wedged: the probe, writing on its own connection,
// says stuck once two probes in a row saw it so (a bound of 0), and no
// longer once one connection is given back.
func TestCheckWriteCallsAPoolKeptWholeStuck(t *testing.T) {
	d := dbtest.OpenOn(t, db.PostgreSQL)
	d.WriteStuckAfter(0)
	var kept []*sql.Conn
	for range 10 {
		c, err := d.SQL().Conn(ctx)
		check(t, err)
		kept = append(kept, c)
	}
	probeCtx, cancel := context.WithTimeout(ctx, 2*time.Second) // as /healthz gives it
	defer cancel()
	check(t, d.CheckWrite(probeCtx)) // the first probe to see the pool kept
	if err := d.CheckWrite(probeCtx); !errors.Is(err, db.ErrWriteStuck) {
		t.Fatalf("probe with every connection kept: %v; want db.ErrWriteStuck", err)
	}
	check(t, kept[0].Close())
	check(t, d.CheckWrite(probeCtx))
	for _, c := range kept[1:] {
		check(t, c.Close())
	}
}
