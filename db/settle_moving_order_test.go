package db_test

import (
	"testing"
	"time"

	"antom-checkout/db"
	"antom-checkout/db/dbtest"
)

// SettleAttemptMovingOrder moves the order only when it settled the
// attempt (on PostgreSQL the order's UPDATE is sent before the attempt's
// answer is known, so its guard is what holds it back), and says which
// of the two it did.
func TestSettleAttemptMovingOrder(t *testing.T) {
	dbtest.ForEachBackend(t, func(t *testing.T, d *db.DB) {
		paid := db.Settlement{Status: db.AttemptSuccess, Code: "SUCCESS", PaymentID: "PAY-1", PaidAt: t0, Source: db.SourceAntom}
		at := t0.Add(time.Second)
		settle := func(a db.Attempt, fromStatus string, o db.Order, from string) (settled, moved bool, err error) {
			err = d.Tx(ctx, func(q *db.Queries) error {
				var err error
				settled, moved, err = q.SettleAttemptMovingOrder(ctx, a.ID, fromStatus, "", paid, &db.OrderMove{ID: o.ID, From: from, To: db.OrderPaid}, at)
				return err
			})
			return settled, moved, err
		}
		statuses := func(a db.Attempt, o db.Order) [2]string {
			t.Helper()
			ra, err := d.AttemptByID(ctx, a.ID)
			check(t, err)
			ro, err := d.OrderByID(ctx, o.ID)
			check(t, err)
			return [2]string{ra.Status, ro.Status}
		}

		o1 := newOrder(t, d, "SMO-1", 0, "USD", 100)
		a1 := newAttempt(t, d, o1, "PR-SMO-1")
		settled, moved, err := settle(a1, db.AttemptProcessing, o1, db.OrderOpen)
		check(t, err)
		eq(t, [2]bool{settled, moved}, [2]bool{true, true}, "both moved")
		eq(t, statuses(a1, o1), [2]string{db.AttemptSuccess, db.OrderPaid}, "attempt and order")

		// The attempt is not as read (another writer changed it): the
		// order stays.
		o2 := newOrder(t, d, "SMO-2", 0, "USD", 100)
		a2 := newAttempt(t, d, o2, "PR-SMO-2")
		settled, moved, err = settle(a2, db.AttemptFail, o2, db.OrderOpen)
		check(t, err)
		eq(t, [2]bool{settled, moved}, [2]bool{false, false}, "neither moved")
		eq(t, statuses(a2, o2), [2]string{db.AttemptProcessing, db.OrderOpen}, "attempt and order unchanged")

		// The order is not as read: the attempt is settled, the order stays.
		o3 := newOrder(t, d, "SMO-3", 0, "USD", 100)
		a3 := newAttempt(t, d, o3, "PR-SMO-3")
		settled, moved, err = settle(a3, db.AttemptProcessing, o3, db.OrderProcessing)
		check(t, err)
		eq(t, [2]bool{settled, moved}, [2]bool{true, false}, "attempt only")
		eq(t, statuses(a3, o3), [2]string{db.AttemptSuccess, db.OrderOpen}, "attempt settled, order unchanged")

		// The attempt is already exactly as this settlement would leave it,
		// to the nanosecond, yet not by it: PostgreSQL's guard cannot tell,
		// so it fails rather than commit the order's move alone; SQLite
		// never sends the order's UPDATE. Either way nothing moves.
		o4 := newOrder(t, d, "SMO-4", 0, "USD", 100)
		a4 := newAttempt(t, d, o4, "PR-SMO-4")
		changed, err := d.SettleAttempt(ctx, a4.ID, db.AttemptProcessing, "", paid, at)
		ok(t, changed, err, true, "settled beforehand")
		settled, moved, err = settle(a4, db.AttemptProcessing, o4, db.OrderOpen)
		if d.Backend() == db.PostgreSQL {
			if err == nil {
				t.Errorf("PostgreSQL: the order's move without the attempt's: settled %v, moved %v, no error", settled, moved)
			}
		} else {
			check(t, err)
			eq(t, [2]bool{settled, moved}, [2]bool{false, false}, "SQLite: neither moved")
		}
		eq(t, statuses(a4, o4), [2]string{db.AttemptSuccess, db.OrderOpen}, "order unchanged")
	})
}
