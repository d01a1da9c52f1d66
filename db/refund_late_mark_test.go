package db_test

import (
	"testing"
	"time"

	"antom-checkout/db"
	"antom-checkout/db/dbtest"
)

// A refund we closed as failed that Antom makes after all gets its
// late_mark, the highest refund id then (a refund made after has a
// greater id), and keeps fail_mark and fail_seq; a refund made or failed
// at Antom's first answer gets none; late_at is when it did. PaymentsWithRefundsMadeLateOrFound reads
// the payment with all its refunds, and no other.
func TestRefundMadeLateMark(t *testing.T) {
	dbtest.ForEachBackend(t, func(t *testing.T, d *db.DB) {
		_, a := paidAttempt(t, d, "ORD-LATEMARK", "USD", 10_000, t0)
		f := processingRefund(t, d, a, "RF-LM-F", 100, 0)
		closeOurs(t, d, f)
		made := processingRefund(t, d, a, "RF-LM-N", 100, 0)
		settleRefund(t, d, made, db.RefundSuccess)
		failed := processingRefund(t, d, a, "RF-LM-G", 100, 0)
		settleRefund(t, d, failed, db.RefundFail)
		none, err := d.PaymentsWithRefundsMadeLateOrFound(ctx)
		check(t, err)
		eq(t, len(none), 0, "payments with refunds made late, before Antom made one")
		madeAt := t0.Add(time.Hour)
		late, err := d.SettleRefund(ctx, f, db.RefundFail, db.SourceOurs, db.RefundSuccess, "SUCCESS", "", db.SourceAntom, t0, madeAt)
		ok(t, late, err, true, "made late")
		after := processingRefund(t, d, a, "RF-LM-A", 100, 0)
		settleRefund(t, d, after, db.RefundSuccess)
		marks, lateAt := map[int64][3]int64{}, map[int64]time.Time{}
		for _, id := range []int64{f, made, failed, after} {
			r, err := d.RefundByID(ctx, id)
			check(t, err)
			marks[id] = [3]int64{r.LateMark, r.FailMark, r.FailSeq}
			lateAt[id] = r.LateAt
		}
		eq(t, marks, map[int64][3]int64{f: {failed, f, 1}, made: {}, failed: {0, failed, 2}, after: {}},
			"late_mark, fail_mark and fail_seq of each")
		eq(t, lateAt, map[int64]time.Time{f: madeAt, made: {}, failed: {}, after: {}}, "late_at of each: when Antom made it late")
		// The payment, what it took and all its refunds (another payment
		// with none made late is not read).
		paidAttempt(t, d, "ORD-LATEMARK-OTHER", "USD", 5_000, t0)
		ps, err := d.PaymentsWithRefundsMadeLateOrFound(ctx)
		check(t, err)
		var ids []int64
		for _, r := range ps[a.ID].Refunds {
			ids = append(ids, r.ID)
		}
		eq(t, []any{len(ps), ps[a.ID].OrderID, ps[a.ID].Paid, ids}, []any{1, a.OrderID, int64(10_000), []int64{f, made, failed, after}},
			"payments with refunds made late: how many, the order, what it took, its refunds")
	})
}
