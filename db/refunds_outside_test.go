package db_test

import (
	"testing"
	"time"

	"antom-checkout/db"
	"antom-checkout/db/dbtest"
)

// A refund made outside this app is adopted as a SUCCESS refund by
// nobody here, taken off what may be refunded; the staff refund Antom
// refused for it, once marked, owes the buyer nothing.
func TestRefundsMadeOutside(t *testing.T) {
	dbtest.ForEachBackend(t, func(t *testing.T, d *db.DB) {
		o, a := paidAttempt(t, d, "ORD-1", "USD", 1200, t0)
		t1, t2 := t0.Add(time.Minute), t0.Add(2*time.Minute)
		ours := db.Refund{OrderID: o.ID, AttemptID: a.ID, RefundRequestID: "RF-1", Currency: "USD", Amount: 1200,
			Status: db.RefundProcessing, CreatedBy: "staff:1", CreatedAt: t2}
		id, err := d.InsertRefund(ctx, ours)
		check(t, err)
		changed, err := d.SettleRefund(ctx, id, db.RefundProcessing, "", db.RefundFail, "REFUND_AMOUNT_EXCEED", "", db.SourceAntom, time.Time{}, t2)
		ok(t, changed, err, true, "refused")
		owed, failures, err := d.FailedRefunds(ctx, a.ID)
		check(t, err)
		eq(t, []any{owed, failures}, []any{int64(1200), 1}, "owed before the outside refund is known")

		outside := db.Refund{OrderID: o.ID, AttemptID: a.ID, RefundRequestID: "EXT-REFUND-0001", RefundID: "REFUND-EXT-1",
			Currency: "USD", Amount: 1200, RefundedAt: t1}
		oid, err := d.AdoptOutsideRefund(ctx, outside, t2)
		check(t, err)
		_, err = d.AdoptOutsideRefund(ctx, outside, t2)
		is(t, err, db.ErrDuplicate, "adopted twice")
		got, err := d.RefundByID(ctx, oid)
		check(t, err)
		eq(t, []any{got.Status, got.ResultCode, got.RefundID, got.RefundedAt, got.CreatedAt, got.UpdatedAt, got.CreatedBy, got.FinalSource, got.Outside, got.OutsideTook, got.NextCheckAt},
			[]any{db.RefundSuccess, "SUCCESS", "REFUND-EXT-1", t1, t1, t2, "", db.SourceAntom, true, false, time.Time{}}, "adopted")
		m, err := d.AttemptMoney(ctx, a.ID)
		check(t, err)
		eq(t, m.Refunded, int64(1200), "refunded, the outside refund counted")

		changed, err = d.MarkRefundOutsideTook(ctx, id, t2)
		ok(t, changed, err, true, "mark the refused refund")
		changed, err = d.MarkRefundOutsideTook(ctx, id, t2)
		ok(t, changed, err, false, "mark it again")
		changed, err = d.MarkRefundOutsideTook(ctx, oid, t2)
		ok(t, changed, err, false, "mark a refund that did not fail")
		got, err = d.RefundByID(ctx, id)
		check(t, err)
		eq(t, got.OutsideTook, true, "marked")
		owed, failures, err = d.FailedRefunds(ctx, a.ID)
		check(t, err)
		eq(t, []any{owed, failures}, []any{int64(0), 0}, "nothing owed of it")
	})
}
