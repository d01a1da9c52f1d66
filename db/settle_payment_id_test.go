package db_test

import (
	"testing"
	"time"

	"antom-checkout/db"
	"antom-checkout/db/dbtest"
)

// A settlement naming another paymentId than the one on record settles
// nothing — neither SettleAttempt nor SettleAttemptMovingOrder after the
// transaction's prefetch (whose write PostgreSQL would keep for later):
// a paymentId once stored never changes. The same paymentId, or none,
// settles.
func TestSettleAttemptKeepsThePaymentIDOnRecord(t *testing.T) {
	dbtest.ForEachBackend(t, func(t *testing.T, d *db.DB) {
		at := t0.Add(time.Second)
		paid := func(paymentID string) db.Settlement {
			return db.Settlement{Status: db.AttemptSuccess, Code: "SUCCESS", PaymentID: paymentID, PaidAt: t0, Source: db.SourceAntom}
		}
		moving := func(a db.Attempt, o db.Order, s db.Settlement) (settled, moved bool) {
			t.Helper()
			check(t, d.Tx(ctx, func(q *db.Queries) error {
				if err := q.PrefetchAttempts(ctx, []string{a.PaymentRequestID}); err != nil {
					return err
				}
				var err error
				settled, moved, err = q.SettleAttemptMovingOrder(ctx, a.ID, db.AttemptProcessing, "", s,
					&db.OrderMove{ID: o.ID, From: db.OrderOpen, To: db.OrderPaid}, at)
				return err
			}))
			return settled, moved
		}
		o := newOrder(t, d, "SPI-1", 0, "USD", 100)
		a := newAttempt(t, d, o, "PR-SPI-1")
		check(t, d.SetAttemptPaymentID(ctx, a.ID, "PAY-1", t0))

		changed, err := d.SettleAttempt(ctx, a.ID, db.AttemptProcessing, "", paid("PAY-2"), at)
		ok(t, changed, err, false, "SettleAttempt with another paymentId")
		settled, moved := moving(a, o, paid("PAY-2"))
		eq(t, [2]bool{settled, moved}, [2]bool{false, false}, "SettleAttemptMovingOrder with another paymentId")
		got, err := d.AttemptByID(ctx, a.ID)
		check(t, err)
		eq(t, [2]string{got.Status, got.PaymentID}, [2]string{db.AttemptProcessing, "PAY-1"}, "the attempt")

		settled, moved = moving(a, o, paid("PAY-1"))
		eq(t, [2]bool{settled, moved}, [2]bool{true, true}, "SettleAttemptMovingOrder with the same paymentId")

		o2 := newOrder(t, d, "SPI-2", 0, "USD", 100)
		a2 := newAttempt(t, d, o2, "PR-SPI-2")
		check(t, d.SetAttemptPaymentID(ctx, a2.ID, "PAY-3", t0))
		changed, err = d.SettleAttempt(ctx, a2.ID, db.AttemptProcessing, "", paid(""), at)
		ok(t, changed, err, true, "SettleAttempt naming no paymentId")
		got, err = d.AttemptByID(ctx, a2.ID)
		check(t, err)
		eq(t, got.PaymentID, "PAY-3", "the paymentId kept")
	})
}
