package db_test

import (
	"testing"

	"antom-checkout/db"
	"antom-checkout/db/dbtest"
)

// CountOrderAttempts counts every attempt of one order, ended or not, and
// none of another's; an order without attempts has 0; inside a
// transaction it counts the attempt that transaction inserted.
func TestCountOrderAttempts(t *testing.T) {
	dbtest.ForEachBackend(t, func(t *testing.T, d *db.DB) {
		o := newOrder(t, d, "ORD-COUNT-1", 0, "USD", 725)
		other := newOrder(t, d, "ORD-COUNT-2", 0, "USD", 725)
		n, err := d.CountOrderAttempts(ctx, o.ID)
		check(t, err)
		eq(t, n, 0, "attempts of a new order")
		first := newAttempt(t, d, o, "PR-COUNT-1")
		changed, err := d.SettleAttempt(ctx, first.ID, db.AttemptProcessing, "", db.Settlement{Status: db.AttemptFail,
			Code: "USER_BALANCE_NOT_ENOUGH", Source: db.SourceAntom}, t0)
		ok(t, changed, err, true, "settle the first")
		newAttempt(t, d, o, "PR-COUNT-2")
		newAttempt(t, d, other, "PR-COUNT-3")
		n, err = d.CountOrderAttempts(ctx, o.ID)
		check(t, err)
		eq(t, n, 2, "attempts of the order: one failed, one processing")
		check(t, d.Tx(ctx, func(q *db.Queries) error {
			_, err := q.InsertAttempt(ctx, db.Attempt{OrderID: o.ID, PaymentRequestID: "PR-COUNT-4", Method: db.MethodCard,
				Currency: o.Currency, Amount: o.Amount, Status: db.AttemptFail, CreatedAt: t0})
			if err != nil {
				return err
			}
			n, err = q.CountOrderAttempts(ctx, o.ID)
			return err
		}))
		eq(t, n, 3, "attempts counted in the transaction that inserted one")
	})
}
