package db_test

import (
	"testing"
	"time"

	"antom-checkout/db"
	"antom-checkout/db/dbtest"
)

// Migration 44 leaves watch_ended_at empty for a refund we closed as
// failed ourselves whose watch had already ended: its updated_at is no
// record of that end (a later Mark handled or a refundId moves it), so
// staff pages say we stopped asking without a date rather than a wrong
// one (checkout's RefundClosedByUsWords).
func TestMigration44LeavesAnEndedWatchUndated(t *testing.T) {
	for _, b := range backends {
		t.Run(string(b), func(t *testing.T) {
			source := dbtest.Source(t, b)
			old, err := db.OpenAt(ctx, source, 43)
			check(t, err)
			o, a := paidAttempt(t, old, "ORD-MIG44-WATCH", "USD", 1000, t0)
			id, err := old.InsertRefund(ctx, db.Refund{OrderID: o.ID, AttemptID: a.ID, RefundRequestID: "RF-MIG44",
				Currency: "USD", Amount: 100, Status: db.RefundProcessing, NextCheckAt: t0, CreatedBy: "staff", CreatedAt: t0})
			check(t, err)
			// Closed by us as that release did (today's SettleRefund writes
			// columns of later migrations).
			_, err = old.Raw().ExecContext(ctx, `UPDATE refunds SET status = 'FAIL', result_code = 'ORDER_NOT_EXIST', final_source = 'OURS',
				fail_mark = id, fail_seq = 1, updated_at = ? WHERE id = ?`, db.FormatTime(t0), id)
			check(t, err)
			// The watch ended a day later; staff marked it handled two
			// days after that, which moved updated_at.
			_, err = old.Raw().ExecContext(ctx, `UPDATE refunds SET next_check_at = '', updated_at = ? WHERE id = ?`,
				db.FormatTime(t0.Add(72*time.Hour)), id)
			check(t, err)
			check(t, old.Close())

			d, err := db.Open(ctx, source)
			check(t, err)
			defer d.Close()
			r, err := d.RefundByID(ctx, id)
			check(t, err)
			eq(t, r.WatchEndedAt, time.Time{}, "the watch's end, not known")
		})
	}
}
