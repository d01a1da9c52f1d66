package db_test

import (
	"testing"

	"antom-checkout/db"
	"antom-checkout/db/dbtest"
)

func TestReadBooks(t *testing.T) {
	dbtest.ForEachBackend(t, func(t *testing.T, d *db.DB) {
		b, err := d.ReadBooks(ctx)
		check(t, err)
		eq(t, len(b.Orders)+len(b.Attempts)+len(b.Refunds)+len(b.Captures)+len(b.Links)+len(b.Wallets), 0, "empty books")

		o1, a1 := paidAttempt(t, d, "ORD-1", "USD", 1000, t0)
		o2 := newOrder(t, d, "ORD-2", 0, "JPY", 500)
		a2 := newAttempt(t, d, o2, "PR-2")
		id, err := d.InsertRefund(ctx, db.Refund{OrderID: o1.ID, AttemptID: a1.ID, RefundRequestID: "RF-1", Currency: "USD",
			Amount: 300, Status: db.RefundProcessing, CreatedAt: t0})
		check(t, err)
		r, err := d.RefundByID(ctx, id)
		check(t, err)

		b, err = d.ReadBooks(ctx)
		check(t, err)
		o1, err = d.OrderByRef(ctx, "ORD-1")
		check(t, err)
		eq(t, b.Orders, []db.Order{o1, o2}, "orders in id order")
		eq(t, b.Attempts, []db.Attempt{a1, a2}, "attempts in id order")
		eq(t, b.Refunds, []db.Refund{r}, "refunds")
		eq(t, len(b.Captures)+len(b.Links)+len(b.Wallets), 0, "no captures, links or wallets")
	})
}
