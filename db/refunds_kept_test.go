package db_test

import (
	"testing"
	"time"

	"antom-checkout/db"
	"antom-checkout/db/dbtest"
)

// A failure closed at the payment's cap keeps only what refunds made
// good of it (keptK), not what they made good of an older failure first
// (books6). The payment took $6.00; N1 ($5.00) and N2 ($2.00) fail; a
// new $1.00 refund M is made (towards N1, oldest first): N1 owes $4.00,
// N2 $1.00 (the cap). N2 is settled another way for its $1.00, N1 tried
// again for its $4.00, and the retry fails: $4.00 is owed (by the
// retry), not $3.00.
func TestClosedFailureKeepsOnlyWhatMadeItGood(t *testing.T) {
	dbtest.ForEachBackend(t, func(t *testing.T, d *db.DB) {
		o, a := paidAttempt(t, d, "ORD-KEPT", "USD", 600, t0)
		n1 := newRefund(t, d, a, "RF-KEPT-N1", 500, db.RefundFail)
		n2 := newRefund(t, d, a, "RF-KEPT-N2", 200, db.RefundFail)
		newRefund(t, d, a, "RF-KEPT-M", 100, db.RefundSuccess)
		owed, err := d.RefundFailuresOwed(ctx, o.ID)
		check(t, err)
		eq(t, owed, map[int64]db.RefundOwed{n1: {Owed: 400, Unmet: 400}, n2: {Owed: 100, Unmet: 200}}, "M made good $1 of N1; the cap cuts N2")
		changed, err := d.MarkRefundHandled(ctx, n2, "ann", "bank transfer", t0.Add(time.Minute))
		ok(t, changed, err, true, "N2 settled another way")
		retry, err := d.InsertRefund(ctx, db.Refund{OrderID: a.OrderID, AttemptID: a.ID, RefundRequestID: "RF-KEPT-R", Currency: "USD",
			Amount: 400, Status: db.RefundProcessing, CreatedBy: "ann", CreatedAt: t0.Add(2 * time.Minute), RetryOf: n1})
		check(t, err)
		changed, err = d.SettleRefund(ctx, retry, db.RefundProcessing, "", db.RefundFail, "X", "", db.SourceAntom, t0.Add(3*time.Minute), t0.Add(3*time.Minute))
		ok(t, changed, err, true, "N1's retry fails")
		owed, err = d.RefundFailuresOwed(ctx, o.ID)
		check(t, err)
		eq(t, owed, map[int64]db.RefundOwed{retry: {Owed: 400, Unmet: 400}}, "the retry owes its $4: M made good N1, not N2")
		total, failures, err := d.FailedRefunds(ctx, a.ID)
		check(t, err)
		eq(t, [2]int64{total, int64(failures)}, [2]int64{400, 1}, "owed in all")
	})
}
