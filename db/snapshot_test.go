package db_test

import (
	"context"
	"errors"
	"sync"
	"testing"
	"time"

	"antom-checkout/db"
	"antom-checkout/db/dbtest"
)

// pageRead marks the context of the read under test, so that the
// BeforeStatement hook acts on its statements only (not on the write it
// commits itself).
type pageRead struct{}

// A snapshot's statements see one state: a transaction that commits
// between two of them (here, an order paid and its timeline line) is
// seen whole by none of them — the order read before it and the
// timeline read after it agree. The next read sees all of it.
func TestSnapshotSeesOneState(t *testing.T) {
	dbtest.ForEachBackend(t, func(t *testing.T, d *db.DB) {
		o := newOrder(t, d, "ORD-SNAP-1", 0, "USD", 100)
		statements := 0
		d.BeforeStatement(func(sctx context.Context, _ string) {
			if sctx.Value(pageRead{}) == nil {
				return
			}
			if statements++; statements == 2 { // between the order and its timeline
				check(t, d.Tx(ctx, func(q *db.Queries) error {
					if _, err := q.SetOrderStatus(ctx, o.ID, db.OrderOpen, db.OrderPaid, t0); err != nil {
						return err
					}
					return q.InsertEvent(ctx, db.Event{At: t0, Subject: "order:" + o.Ref, Kind: "state", Detail: "paid"})
				}))
			}
		})
		t.Cleanup(func() { d.BeforeStatement(nil) })
		read := context.WithValue(ctx, pageRead{}, true)
		var status string
		var lines []db.Event
		check(t, d.Snapshot(read, func(q *db.Queries) error {
			got, err := q.OrderByRef(read, o.Ref)
			status = got.Status
			if err == nil {
				lines, err = q.Events(read, "order:"+o.Ref)
			}
			return err
		}))
		eq(t, statements, 2, "statements the snapshot ran")
		eq(t, status+" "+lineDetails(lines), db.OrderOpen+" []", "the order and its timeline in the snapshot (the commit between them: neither)")
		after, err := d.OrderByRef(ctx, o.Ref)
		check(t, err)
		lines, err = d.Events(ctx, "order:"+o.Ref)
		check(t, err)
		eq(t, after.Status+" "+lineDetails(lines), db.OrderPaid+" [paid]", "the order and its timeline after the snapshot")
	})
}

func lineDetails(es []db.Event) string {
	out := "["
	for i, e := range es {
		if i > 0 {
			out += " "
		}
		out += e.Detail
	}
	return out + "]"
}

// A snapshot neither waits for a write transaction nor makes one wait:
// it does not take DB.Tx's lock (PostgreSQL) or the writer (SQLite).
// While a transaction holds them, a snapshot reads what was committed
// before it; and a transaction runs while a snapshot is open.
func TestSnapshotDoesNotWaitForWrites(t *testing.T) {
	dbtest.ForEachBackend(t, func(t *testing.T, d *db.DB) {
		o := newOrder(t, d, "ORD-SNAP-2", 0, "USD", 100)
		inTx, release, done := make(chan struct{}), make(chan struct{}), make(chan error, 1)
		go func() {
			done <- d.Tx(ctx, func(q *db.Queries) error {
				if _, err := q.SetOrderStatus(ctx, o.ID, db.OrderOpen, db.OrderPaid, t0); err != nil {
					return err
				}
				close(inTx)
				<-release
				return nil
			})
		}()
		<-inTx
		var once sync.Once
		releaseTx := func() { once.Do(func() { close(release) }) }
		defer releaseTx() // the snapshot failed: let the transaction end
		bounded, cancel := context.WithTimeout(ctx, 2*time.Second)
		defer cancel()
		err := d.Snapshot(bounded, func(q *db.Queries) error {
			got, err := q.OrderByRef(bounded, o.Ref)
			eq(t, got.Status, db.OrderOpen, "status in a snapshot while a transaction holds the lock")
			if err != nil {
				return err
			}
			// A write transaction while the snapshot is open: it
			// runs (released now) and commits.
			releaseTx()
			return <-done
		})
		check(t, err)
	})
}

// A snapshot refuses writes, on both backends.
func TestSnapshotRefusesWrites(t *testing.T) {
	dbtest.ForEachBackend(t, func(t *testing.T, d *db.DB) {
		o := newOrder(t, d, "ORD-SNAP-3", 0, "USD", 100)
		err := d.Snapshot(ctx, func(q *db.Queries) error {
			_, err := q.SetOrderStatus(ctx, o.ID, db.OrderOpen, db.OrderPaid, t0)
			return err
		})
		if err == nil {
			t.Fatal("a snapshot wrote")
		}
		got, err := d.OrderByRef(ctx, o.Ref)
		check(t, err)
		eq(t, got.Status, db.OrderOpen, "status after the refused write")
	})
}

// A snapshot's read that fails as its context ends says so: database/sql
// rolls the transaction back under it, and the read's own error (SQLite's
// "interrupted", sql.ErrTxDone) need not name the context — the request
// would be logged a 500 instead of ended by its client (499) or the
// shutdown (503). The failure the read saw is kept beside it.
func TestSnapshotReadFailedAsItsContextEnded(t *testing.T) {
	dbtest.ForEachBackend(t, func(t *testing.T, d *db.DB) {
		o := newOrder(t, d, "ORD-SNAP-ENDED", 0, "USD", 100)
		readCtx, cancel := context.WithCancel(ctx)
		failed := errors.New("interrupted (9)")
		err := d.Snapshot(readCtx, func(q *db.Queries) error {
			if _, err := q.OrderByRef(readCtx, o.Ref); err != nil {
				return err
			}
			cancel()
			return failed
		})
		if !errors.Is(err, context.Canceled) || !errors.Is(err, failed) {
			t.Fatalf("the snapshot ended with %v; want context.Canceled beside the read's own error", err)
		}
	})
}
