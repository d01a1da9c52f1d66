package db_test

import (
	"testing"

	"antom-checkout/db"
)

// processingRefund inserts a staff refund of attempt a, PROCESSING, of
// amount (minor units, USD), that retries refund retryOf (0: none), and
// returns its id.
func processingRefund(t *testing.T, d *db.DB, a db.Attempt, reqID string, amount, retryOf int64) int64 {
	t.Helper()
	id, err := d.InsertRefund(ctx, db.Refund{OrderID: a.OrderID, AttemptID: a.ID, RefundRequestID: reqID, Currency: "USD",
		Amount: amount, Status: db.RefundProcessing, CreatedBy: "ann", CreatedAt: t0, RetryOf: retryOf})
	check(t, err)
	return id
}

// closeOurs closes PROCESSING refund id as failed by us (the reconciler
// found no refund at Antom), as Antom may still make it after all.
func closeOurs(t *testing.T, d *db.DB, id int64) {
	t.Helper()
	changed, err := d.SettleRefund(ctx, id, db.RefundProcessing, "", db.RefundFail, "", "", db.SourceOurs, t0, t0)
	ok(t, changed, err, true, "closed as failed by us")
}
