package db_test

import (
	"testing"
	"time"

	"antom-checkout/db"
	"antom-checkout/db/dbtest"
)

// The backlog counts only what is still PROCESSING (REVOKING for
// wallets; a cancel IN_DOUBT too), with the oldest one's time, every kind
// in its fixed order.
func TestReconcilerBacklog(t *testing.T) {
	dbtest.ForEachBackend(t, func(t *testing.T, d *db.DB) {
		backlog := func(want []db.BacklogItem, what string) {
			t.Helper()
			got, err := d.ReconcilerBacklog(ctx)
			check(t, err)
			eq(t, got, want, what)
		}
		backlog([]db.BacklogItem{{db.BacklogPayments, 0, time.Time{}}, {db.BacklogRefunds, 0, time.Time{}},
			{db.BacklogCaptures, 0, time.Time{}}, {db.BacklogRevokes, 0, time.Time{}}, {db.BacklogCancels, 0, time.Time{}}}, "nothing to do")

		t1, t2 := t0.Add(time.Minute), t0.Add(2*time.Minute)
		_, paid := paidAttempt(t, d, "ORD-PAID", "USD", 1000, t0) // created at t0, settled
		for _, at := range []time.Time{t2, t1} {
			o := newOrder(t, d, "ORD-"+at.Format("150405"), 0, "USD", 100)
			_, err := d.InsertAttempt(ctx, db.Attempt{OrderID: o.ID, PaymentRequestID: "PR-" + o.Ref, Method: db.MethodWallet,
				Currency: "USD", Amount: 100, Status: db.AttemptProcessing, ExpiresAt: at, NextCheckAt: at, CreatedAt: at})
			check(t, err)
		}
		_, err := d.InsertRefund(ctx, db.Refund{OrderID: paid.OrderID, AttemptID: paid.ID, RefundRequestID: "RF-1",
			Currency: "USD", Amount: 10, Status: db.RefundProcessing, CreatedAt: t2})
		check(t, err)
		_, err = d.InsertCapture(ctx, db.Capture{OrderID: paid.OrderID, AttemptID: paid.ID, CaptureRequestID: "CAP-1",
			Currency: "USD", Amount: 1000, Status: db.CaptureProcessing, CreatedAt: t1})
		check(t, err)
		buyer := newBuyer(t, d, "ann@example.com")
		newWallet(t, d, buyer, "hash-active")
		changed, err := d.StartRevoke(ctx, newWallet(t, d, buyer, "hash-revoking"), t2)
		ok(t, changed, err, true, "start a revoke")
		// A void of the paid attempt asked for at t1, asked again at t2: it
		// waits since t1.
		for _, at := range []time.Time{t1, t2} {
			changed, err = d.RequestCancel(ctx, paid.ID, "", at)
			ok(t, changed, err, true, "request a void")
		}
		backlog([]db.BacklogItem{{db.BacklogPayments, 2, t1}, {db.BacklogRefunds, 1, t2},
			{db.BacklogCaptures, 1, t1}, {db.BacklogRevokes, 1, t2}, {db.BacklogCancels, 1, t1}}, "unfinished work, oldest first seen")
		// In doubt (Antom said SUCCESS while it was under way), it still
		// waits to be known, as the dashboard counts it.
		changed, err = d.SetCancelStatus(ctx, paid.ID, db.CancelInDoubt, t2, t2)
		ok(t, changed, err, true, "the void in doubt")
		got, err := d.ReconcilerBacklog(ctx)
		check(t, err)
		eq(t, got[4], db.BacklogItem{Kind: db.BacklogCancels, Count: 1, Oldest: t1}, "a cancel in doubt waits")
		changed, err = d.EndCancelDoubt(ctx, paid.ID, db.CancelSuccess, t2)
		ok(t, changed, err, true, "Antom confirms the void")
		got, err = d.ReconcilerBacklog(ctx)
		check(t, err)
		eq(t, got[4], db.BacklogItem{Kind: db.BacklogCancels}, "no cancel waits")
	})
}
