package db_test

import (
	"errors"
	"slices"
	"testing"

	"antom-checkout/db"
	"antom-checkout/db/dbtest"
)

// Work in a savepoint that fails is undone — its rows and its timeline
// entries, also after a failed statement (which on PostgreSQL aborts the
// transaction until rolled back to) or after the entries were flushed —
// and the transaction carries on: the work before and after it commits,
// with its timeline entries.
func TestSavepoint(t *testing.T) {
	dbtest.ForEachBackend(t, func(t *testing.T, d *db.DB) {
		taken := newOrder(t, d, "SP-TAKEN", 0, "USD", 100)
		boom := errors.New("boom")
		add := func(q *db.Queries, name string) error {
			if _, err := q.InsertNotification(ctx, db.Notification{ReceivedAt: t0, Kind: name, Verdict: "applied"}); err != nil {
				return err
			}
			if err := q.QueueNotification(ctx, db.Notification{ReceivedAt: t0, Kind: name + "-queued", Verdict: "applied"}); err != nil {
				return err
			}
			return q.InsertEvent(ctx, db.Event{At: t0, Subject: "order:SP", Kind: "notification", Detail: name})
		}
		steps := []struct {
			name string
			fn   func(*db.Queries) error
			fail bool
		}{
			{"kept-1", func(q *db.Queries) error { return add(q, "kept-1") }, false},
			{"returns-an-error", func(q *db.Queries) error {
				if err := add(q, "returns-an-error"); err != nil {
					return err
				}
				return boom
			}, true},
			{"failed-statement", func(q *db.Queries) error {
				if err := add(q, "failed-statement"); err != nil {
					return err
				}
				_, err := q.InsertOrder(ctx, db.Order{Ref: taken.Ref, ProductID: 1, Quantity: 1, Currency: "USD",
					Amount: 100, Status: db.OrderOpen, CreatedAt: t0})
				return err
			}, true},
			{"flushed-then-failed", func(q *db.Queries) error {
				if _, err := q.Events(ctx, "order:SP"); err != nil { // writes the entries kept so far
					return err
				}
				if _, err := q.RecentNotifications(ctx, 1); err != nil { // writes the inbox rows kept so far
					return err
				}
				if err := add(q, "flushed-then-failed"); err != nil {
					return err
				}
				return boom
			}, true},
			{"queued-only-then-failed", func(q *db.Queries) error { // no statement, so no SAVEPOINT set
				if err := q.QueueNotification(ctx, db.Notification{ReceivedAt: t0, Kind: "queued-only-then-failed"}); err != nil {
					return err
				}
				if err := q.InsertEvent(ctx, db.Event{At: t0, Subject: "order:SP", Kind: "notification", Detail: "queued-only-then-failed"}); err != nil {
					return err
				}
				return boom
			}, true},
			{"queued-only", func(q *db.Queries) error {
				if err := q.QueueNotification(ctx, db.Notification{ReceivedAt: t0, Kind: "queued-only"}); err != nil {
					return err
				}
				return q.InsertEvent(ctx, db.Event{At: t0, Subject: "order:SP", Kind: "notification", Detail: "queued-only"})
			}, false},
			{"kept-2", func(q *db.Queries) error { return add(q, "kept-2") }, false},
		}
		err := d.Tx(ctx, func(q *db.Queries) error {
			for _, s := range steps {
				failed, err := q.Savepoint(ctx, s.fn)
				if err != nil {
					return err
				}
				if (failed != nil) != s.fail {
					t.Errorf("%s: failed = %v", s.name, failed)
				}
			}
			return nil
		})
		check(t, err)
		rows, err := d.RecentNotifications(ctx, 10)
		check(t, err)
		var kinds []string
		for _, n := range rows {
			kinds = append(kinds, n.Kind)
		}
		slices.Reverse(kinds)
		eq(t, kinds, []string{"kept-1", "kept-2", "kept-1-queued", "queued-only", "kept-2-queued"}, "inbox rows committed (queued ones at the commit)")
		events, err := d.Events(ctx, "order:SP")
		check(t, err)
		var details []string
		for _, e := range events {
			details = append(details, e.Detail)
		}
		eq(t, details, []string{"kept-1", "queued-only", "kept-2"}, "timeline entries committed")

		_, err = d.Savepoint(ctx, func(*db.Queries) error { return nil })
		if err == nil {
			t.Error("a savepoint outside a transaction: no error")
		}
	})
}

// TxForSavepoints: the first Savepoint takes the savepoint set with BEGIN
// (PostgreSQL) only while nothing has been written before it, and only
// it: a failure undoes that savepoint's own work, never what was written
// before it or in the savepoints before.
func TestTxForSavepoints(t *testing.T) {
	dbtest.ForEachBackend(t, func(t *testing.T, d *db.DB) {
		boom := errors.New("boom")
		add := func(q *db.Queries, kind string) error {
			_, err := q.InsertNotification(ctx, db.Notification{ReceivedAt: t0, Kind: kind, Verdict: "applied"})
			return err
		}
		savepoint := func(q *db.Queries, kind string, fail bool) {
			t.Helper()
			failed, err := q.Savepoint(ctx, func(q *db.Queries) error {
				if err := add(q, kind); err != nil || !fail {
					return err
				}
				return boom
			})
			check(t, err)
			if (failed != nil) != fail {
				t.Errorf("%s: failed = %v", kind, failed)
			}
		}
		check(t, d.TxForSavepoints(ctx, func(q *db.Queries) error {
			if _, err := q.RecentNotifications(ctx, 1); err != nil { // a read first
				return err
			}
			savepoint(q, "first-failed", true)
			savepoint(q, "second-kept", false)
			savepoint(q, "third-failed", true)
			return add(q, "after-kept")
		}))
		check(t, d.TxForSavepoints(ctx, func(q *db.Queries) error {
			if err := add(q, "before-kept"); err != nil {
				return err
			}
			savepoint(q, "after-a-write-failed", true)
			return nil
		}))
		rows, err := d.RecentNotifications(ctx, 10)
		check(t, err)
		var kinds []string
		for _, n := range rows {
			kinds = append(kinds, n.Kind)
		}
		slices.Reverse(kinds)
		eq(t, kinds, []string{"second-kept", "after-kept", "before-kept"}, "inbox rows committed")
	})
}
