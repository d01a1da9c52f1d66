package db_test

import (
	"errors"
	"testing"
	"time"

	"antom-checkout/db"
	"antom-checkout/db/dbtest"
)

// A settlement that what PrefetchAttempts read foretells is, on
// PostgreSQL, not sent when made but with the transaction's next
// statement or its COMMIT (no lock is taken before: another connection
// can still lock the row), and a statement after it reads what it wrote.
// Should the attempt change meanwhile (a write outside any
// transaction), the transaction fails with ErrLaterWriteMissed and
// commits nothing of it: the order is never paid without its attempt;
// WithoutLaterWrites then sends it at once and reads that it did not
// settle. On SQLite every write is sent when made (and nothing else
// writes while a transaction runs).
func TestSettleLater(t *testing.T) {
	dbtest.ForEachBackend(t, func(t *testing.T, d *db.DB) {
		paid := db.Settlement{Status: db.AttemptSuccess, Code: "SUCCESS", PaymentID: "PAY-L", PaidAt: t0, Source: db.SourceAntom}
		at := t0.Add(time.Second)
		statuses := func(a db.Attempt, o db.Order) [2]string {
			t.Helper()
			ra, err := d.AttemptByID(ctx, a.ID)
			check(t, err)
			ro, err := d.OrderByID(ctx, o.ID)
			check(t, err)
			return [2]string{ra.Status, ro.Status}
		}
		// locked says whether another connection finds the attempt's
		// row locked (by an UPDATE sent and not yet committed).
		locked := func(a db.Attempt) bool {
			if d.Backend() != db.PostgreSQL {
				return false // one connection, the transaction's
			}
			var id int64
			err := d.Raw().QueryRowContext(ctx, "SELECT id FROM payment_attempts WHERE id = ? FOR UPDATE NOWAIT", a.ID).Scan(&id)
			return err != nil
		}

		o1 := newOrder(t, d, "SL-1", 0, "USD", 100)
		a1 := newAttempt(t, d, o1, "PR-SL-1")
		check(t, d.TxForSavepoints(ctx, func(q *db.Queries) error {
			check(t, q.PrefetchAttempts(ctx, []string{"PR-SL-1"}))
			settled, moved, err := q.SettleAttemptMovingOrder(ctx, a1.ID, db.AttemptProcessing, "", paid,
				&db.OrderMove{ID: o1.ID, From: db.OrderOpen, To: db.OrderPaid}, at)
			check(t, err)
			eq(t, [2]bool{settled, moved}, [2]bool{true, true}, "settled and moved")
			eq(t, locked(a1), false, "the attempt's row locked before the next statement")
			got, err := q.AttemptByRequestID(ctx, "PR-SL-1")
			check(t, err)
			eq(t, got.Status, db.AttemptSuccess, "the attempt read in the transaction after")
			eq(t, locked(a1), d.Backend() == db.PostgreSQL, "the attempt's row locked after the next statement")
			return nil
		}))
		eq(t, statuses(a1, o1), [2]string{db.AttemptSuccess, db.OrderPaid}, "attempt and order committed")
		if d.Backend() != db.PostgreSQL {
			return // one connection: nothing writes outside the transaction while it runs
		}

		// The attempt changes after the prefetch, outside any transaction.
		o2 := newOrder(t, d, "SL-2", 0, "USD", 100)
		a2 := newAttempt(t, d, o2, "PR-SL-2")
		settle := func(ctx2 func() error, q *db.Queries) (bool, bool, error) {
			check(t, q.PrefetchAttempts(ctx, []string{"PR-SL-2"}))
			check(t, ctx2())
			return q.SettleAttemptMovingOrder(ctx, a2.ID, db.AttemptProcessing, "", paid,
				&db.OrderMove{ID: o2.ID, From: db.OrderOpen, To: db.OrderPaid}, at)
		}
		failAttempt := func() error {
			_, err := d.Raw().ExecContext(ctx, "UPDATE payment_attempts SET status = ? WHERE id = ?", db.AttemptFail, a2.ID)
			return err
		}
		var settled, moved bool
		err := d.TxForSavepoints(ctx, func(q *db.Queries) error {
			var err error
			settled, moved, err = settle(failAttempt, q)
			return err
		})
		is(t, err, db.ErrLaterWriteMissed, "commit of a settlement foretold wrongly")
		eq(t, statuses(a2, o2), [2]string{db.AttemptFail, db.OrderOpen}, "order unchanged")

		// Run again without writes kept for later: it reads that it did
		// not settle.
		check(t, d.TxForSavepoints(db.WithoutLaterWrites(ctx), func(q *db.Queries) error {
			var err error
			settled, moved, err = settle(func() error { return nil }, q)
			return err
		}))
		eq(t, [2]bool{settled, moved}, [2]bool{false, false}, "again: neither moved")

		// Found out by the next statement in the transaction.
		o3 := newOrder(t, d, "SL-3", 0, "USD", 100)
		a3 := newAttempt(t, d, o3, "PR-SL-3")
		err = d.TxForSavepoints(ctx, func(q *db.Queries) error {
			check(t, q.PrefetchAttempts(ctx, []string{"PR-SL-3"}))
			_, err := d.Raw().ExecContext(ctx, "UPDATE payment_attempts SET status = ? WHERE id = ?", db.AttemptFail, a3.ID)
			check(t, err)
			settled, _, err := q.SettleAttemptMovingOrder(ctx, a3.ID, db.AttemptProcessing, "", paid,
				&db.OrderMove{ID: o3.ID, From: db.OrderOpen, To: db.OrderPaid}, at)
			if err != nil || !settled {
				return err
			}
			if _, err = q.AttemptByRequestID(ctx, "PR-SL-3"); err == nil {
				t.Error("the next statement ran")
			}
			return nil // DB.Tx reports why all the same
		})
		if !errors.Is(err, db.ErrLaterWriteMissed) {
			t.Errorf("transaction: %v, want ErrLaterWriteMissed", err)
		}
		eq(t, statuses(a3, o3), [2]string{db.AttemptFail, db.OrderOpen}, "order unchanged")
	})
}
