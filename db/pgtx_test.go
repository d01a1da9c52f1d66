package db_test

import (
	"testing"

	"antom-checkout/db"
	"antom-checkout/db/dbtest"
)

// A PostgreSQL transaction in which a statement failed commits nothing,
// even if the work ignored the failure: Tx reports that PostgreSQL
// rolled it back, and the next transaction takes the lock as usual.
func TestPostgresTxFailedStatementCommitsNothing(t *testing.T) {
	d := dbtest.OpenOn(t, db.PostgreSQL)
	err := d.Tx(ctx, func(q *db.Queries) error {
		if _, err := q.Q().ExecContext(ctx, `INSERT INTO events (at, subject, kind, detail, actor, http_request_id)
			VALUES ('2026-01-01T00:00:00Z', 's', 'state', 'kept?', '', '')`); err != nil {
			return err
		}
		_, ignored := q.Q().ExecContext(ctx, `SELECT no_such_column FROM events`)
		if ignored == nil {
			t.Fatal("the broken statement ran")
		}
		return nil
	})
	if err == nil {
		t.Fatal("Tx committed a transaction PostgreSQL had rolled back")
	}
	check(t, d.Tx(ctx, func(q *db.Queries) error {
		return q.InsertEvent(ctx, db.Event{Subject: "s", Kind: "state", Detail: "next"})
	}))
	events, err := d.Events(ctx, "s")
	check(t, err)
	eq(t, len(events), 1, "events: only the next transaction's")
}

// A transaction whose work panics leaves no connection holding the
// transactions' lock: the next transaction runs.
func TestPostgresTxPanicReleasesLock(t *testing.T) {
	d := dbtest.OpenOn(t, db.PostgreSQL)
	func() {
		defer func() {
			if recover() == nil {
				t.Fatal("no panic")
			}
		}()
		d.Tx(ctx, func(q *db.Queries) error {
			check(t, q.InsertEvent(ctx, db.Event{Subject: "s", Kind: "state", Detail: "lost"}))
			panic("work broke")
		})
	}()
	for i := 0; i < 20; i++ { // more than the pool's connections
		check(t, d.Tx(ctx, func(q *db.Queries) error {
			return q.InsertEvent(ctx, db.Event{Subject: "s", Kind: "state", Detail: "next"})
		}))
	}
	events, err := d.Events(ctx, "s")
	check(t, err)
	eq(t, len(events), 20, "events: the transactions after the panic's")
}

// The timeline entries a PostgreSQL transaction kept go with its COMMIT:
// if writing them fails, nothing of the transaction is committed.
func TestPostgresTxEntriesFailWithCommit(t *testing.T) {
	d := dbtest.OpenOn(t, db.PostgreSQL)
	err := d.Tx(ctx, func(q *db.Queries) error {
		if _, err := q.Q().ExecContext(ctx, `INSERT INTO events (at, subject, kind, detail, actor, http_request_id)
			VALUES ('2026-01-01T00:00:00Z', 's', 'state', 'written in the work', '', '')`); err != nil {
			return err
		}
		return q.InsertEvent(ctx, db.Event{Subject: "s", Kind: "state", Detail: "not UTF-8: \xff"})
	})
	if err == nil {
		t.Fatal("Tx committed although its timeline entries could not be written")
	}
	check(t, d.Tx(ctx, func(q *db.Queries) error {
		return q.InsertEvent(ctx, db.Event{Subject: "s", Kind: "state", Detail: "next"})
	}))
	events, err := d.Events(ctx, "s")
	check(t, err)
	eq(t, len(events), 1, "events: only the next transaction's")
	eq(t, events[0].Detail, "next", "the event written")
}
