package db_test

import (
	"testing"
	"time"

	"antom-checkout/db"
	"antom-checkout/db/dbtest"
)

// A capture or a void of an open authorization that Antom has not
// confirmed since before a time is counted, and listed by the orders
// filters, apart: not one sent after it, not one answered, not one of an
// authorization that is no longer open, not a capture older than the
// newest; a void's time is when it was asked, which its resends keep.
func TestUnconfirmedCapturesAndVoids(t *testing.T) {
	dbtest.ForEachBackend(t, func(t *testing.T, d *db.DB) {
		before := t0.Add(5 * time.Minute)
		old, fresh := t0, t0.Add(6*time.Minute)
		authorize := func(ref string) db.Attempt { return authorizedAttempt(t, d, ref) }
		capture := func(a db.Attempt, at time.Time, status string) {
			t.Helper()
			cid, err := d.InsertCapture(ctx, db.Capture{OrderID: a.OrderID, AttemptID: a.ID, CaptureRequestID: "CAP-" + a.PaymentRequestID + at.Format("150405"),
				Currency: "USD", Amount: 500, Status: db.CaptureProcessing, CreatedAt: at})
			check(t, err)
			if status != db.CaptureProcessing {
				changed, err := d.SettleCapture(ctx, cid, status, "CODE", "message", "", at)
				ok(t, changed, err, true, "settle a capture of "+a.PaymentRequestID)
			}
		}
		void := func(a db.Attempt, at time.Time) {
			t.Helper()
			changed, err := d.RequestCancel(ctx, a.ID, "", at)
			ok(t, changed, err, true, "void of "+a.PaymentRequestID)
		}

		capture(authorize("ORD-CAPTURING-OLD"), old, db.CaptureProcessing)
		capture(authorize("ORD-CAPTURING-FRESH"), fresh, db.CaptureProcessing)
		capture(authorize("ORD-CAPTURE-FAILED-OLD"), old, db.CaptureFail)
		again := authorize("ORD-FAILED-THEN-CAPTURING-FRESH")
		capture(again, old, db.CaptureFail)
		capture(again, fresh, db.CaptureProcessing)
		voidingOld := authorize("ORD-VOIDING-OLD")
		void(voidingOld, old)
		void(voidingOld, fresh) // a resend keeps when the void was asked
		void(authorize("ORD-VOIDING-FRESH"), fresh)
		voided := authorize("ORD-VOIDED-OLD")
		void(voided, old)
		changed, err := d.SetCancelStatus(ctx, voided.ID, db.CancelSuccess, time.Time{}, old)
		ok(t, changed, err, true, "void confirmed")
		changed, err = d.SetOrderStatus(ctx, voided.OrderID, db.OrderAuthorized, db.OrderVoided, old)
		ok(t, changed, err, true, "voided")

		capturing, releasing, err := d.CountUnconfirmedBefore(ctx, before)
		check(t, err)
		eq(t, []int{capturing, releasing}, []int{1, 1}, "captures, voids unconfirmed since before the time")
		capturing, releasing, err = d.CountUnconfirmedBefore(ctx, fresh.Add(time.Second))
		check(t, err)
		eq(t, []int{capturing, releasing}, []int{3, 2}, "captures, voids unconfirmed since before a later time")

		list := func(s db.OrderSearch) []string {
			t.Helper()
			s.Limit = 10
			rows, err := d.SearchOrders(ctx, s)
			check(t, err)
			var refs []string
			for _, r := range rows {
				refs = append(refs, r.Ref)
			}
			return refs
		}
		eq(t, list(db.OrderSearch{CapturingBefore: true, Before: before}), []string{"ORD-CAPTURING-OLD"}, "orders capturing since before")
		eq(t, list(db.OrderSearch{ReleasingBefore: true, Before: before}), []string{"ORD-VOIDING-OLD"}, "orders releasing since before")
	})
}
