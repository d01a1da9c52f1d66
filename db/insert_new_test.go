package db_test

import (
	"errors"
	"testing"
	"time"

	"antom-checkout/db"
	"antom-checkout/db/dbtest"
)

// A taken unique value is an answer, not a failure: a second open
// payment of one order, an email signed up with before, a refund request
// id used before, each inserted inside a transaction, is ErrDuplicate,
// and the transaction goes on — its later writes commit (on PostgreSQL
// a failed statement would have ended it, and left an ERROR in its log).
func TestDuplicateInsertLeavesTheTransactionGoing(t *testing.T) {
	dbtest.ForEachBackend(t, func(t *testing.T, d *db.DB) {
		o := newOrder(t, d, "ORD-DUP", 0, "USD", 100)
		open := db.Attempt{OrderID: o.ID, PaymentRequestID: "PR-DUP-1", Method: db.MethodWallet, Currency: "USD", Amount: 100,
			Status: db.AttemptProcessing, ExpiresAt: t0.Add(time.Hour), NextCheckAt: t0.Add(time.Hour), CreatedAt: t0}
		_, err := d.InsertAttempt(ctx, open)
		check(t, err)
		paidOrder, paid := paidAttempt(t, d, "ORD-DUP-PAID", "USD", 1000, t0)
		_, err = d.InsertRefund(ctx, db.Refund{OrderID: paidOrder.ID, AttemptID: paid.ID, RefundRequestID: "RF-DUP",
			Currency: "USD", Amount: 10, Status: db.RefundProcessing, CreatedAt: t0})
		check(t, err)
		newBuyer(t, d, "taken@example.com")

		var after int64
		err = d.Tx(ctx, func(q *db.Queries) error {
			second := open
			second.PaymentRequestID = "PR-DUP-2"
			if _, err := q.InsertAttempt(ctx, second); !errors.Is(err, db.ErrDuplicate) {
				t.Errorf("a second open attempt: %v, want ErrDuplicate", err)
			}
			if _, err := q.InsertBuyer(ctx, "taken@example.com", []byte("hash"), t0); !errors.Is(err, db.ErrDuplicate) {
				t.Errorf("a taken email: %v, want ErrDuplicate", err)
			}
			if _, err := q.InsertRefund(ctx, db.Refund{OrderID: paidOrder.ID, AttemptID: paid.ID, RefundRequestID: "RF-DUP",
				Currency: "USD", Amount: 10, Status: db.RefundProcessing, CreatedAt: t0}); !errors.Is(err, db.ErrDuplicate) {
				t.Errorf("a taken refund request id: %v, want ErrDuplicate", err)
			}
			var err error
			after, err = q.InsertBuyer(ctx, "after@example.com", []byte("hash"), t0)
			return err
		})
		check(t, err)
		got, err := d.BuyerByEmail(ctx, "after@example.com")
		check(t, err)
		eq(t, got.ID, after, "the write after the duplicates, committed")
	})
}
