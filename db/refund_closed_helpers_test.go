package db_test

import (
	"testing"
	"time"

	"antom-checkout/db"
)

// closableRefunds pays a new order ref ($10.00) and returns it with two
// helpers: refund stores a $1.00 refund of it, PROCESSING, closed as
// failed (ORDER_NOT_EXIST) when source is given — by us (SourceOurs:
// Antom had no such refund) or by Antom (SourceAntom) — and returns it as
// stored; reread reads a refund again.
func closableRefunds(t *testing.T, d *db.DB, ref string) (o db.Order, refund func(reqID, source string) db.Refund, reread func(db.Refund) db.Refund) {
	t.Helper()
	o, a := paidAttempt(t, d, ref, "USD", 1000, t0)
	refund = func(reqID, source string) db.Refund {
		t.Helper()
		id, err := d.InsertRefund(ctx, db.Refund{OrderID: o.ID, AttemptID: a.ID, RefundRequestID: reqID, Currency: "USD",
			Amount: 100, Status: db.RefundProcessing, NextCheckAt: t0, CreatedBy: "staff", CreatedAt: t0})
		check(t, err)
		if source != "" {
			changed, err := d.SettleRefund(ctx, id, db.RefundProcessing, "", db.RefundFail, "ORDER_NOT_EXIST", "", source, time.Time{}, t0)
			ok(t, changed, err, true, "closed "+reqID)
		}
		r, err := d.RefundByID(ctx, id)
		check(t, err)
		return r
	}
	reread = func(r db.Refund) db.Refund {
		t.Helper()
		r, err := d.RefundByID(ctx, r.ID)
		check(t, err)
		return r
	}
	return o, refund, reread
}
