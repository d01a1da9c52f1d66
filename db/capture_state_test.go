package db_test

import (
	"testing"
	"time"

	"antom-checkout/db"
	"antom-checkout/db/dbtest"
)

// An authorization whose newest capture failed is an open problem while
// it holds the money and has not expired; a capture or void under way is
// counted apart from the authorizations waiting for staff.
func TestCaptureFailuresAndPendingAuthorizations(t *testing.T) {
	dbtest.ForEachBackend(t, func(t *testing.T, d *db.DB) {
		now := t0.Add(time.Hour)
		authorize := func(ref string, expires time.Time, captures ...string) db.Attempt {
			t.Helper()
			a := authorizedUntil(t, d, ref, expires)
			for i, status := range captures {
				captured(t, d, a, ref+"-"+string(rune('A'+i)), 500, status)
			}
			a, err := d.AttemptByID(ctx, a.ID)
			check(t, err)
			return a
		}
		later, earlier := now.Add(time.Hour), now.Add(-time.Minute)
		authorize("ORD-FAILED", later, db.CaptureFail)
		authorize("ORD-FAILED-NO-EXPIRY", time.Time{}, db.CaptureFail)
		authorize("ORD-FAILED-EXPIRED", earlier, db.CaptureFail)
		authorize("ORD-FAILED-THEN-CAPTURED", later, db.CaptureFail, db.CaptureSuccess)
		authorize("ORD-FAILED-CAPTURING", later, db.CaptureFail, db.CaptureProcessing)
		authorize("ORD-WAITING", later)
		voided := authorize("ORD-FAILED-VOIDED", later, db.CaptureFail)
		changed, err := d.SetOrderStatus(ctx, voided.OrderID, db.OrderAuthorized, db.OrderVoided, t0)
		ok(t, changed, err, true, "voided")
		releasing := authorize("ORD-RELEASING", later)
		changed, err = d.RequestCancel(ctx, releasing.ID, "", t0)
		ok(t, changed, err, true, "void requested")
		// A void under way after a failed capture: staff can only wait.
		failedReleasing := authorize("ORD-FAILED-RELEASING", later, db.CaptureFail)
		changed, err = d.RequestCancel(ctx, failedReleasing.ID, "", t0)
		ok(t, changed, err, true, "void requested after a failed capture")
		// A void Antom refused after a failed capture: the money is still
		// held, the failure staff's to act on again.
		failedRefused := authorize("ORD-FAILED-VOID-REFUSED", later, db.CaptureFail)
		changed, err = d.RequestCancel(ctx, failedRefused.ID, "", t0)
		ok(t, changed, err, true, "void requested, to be refused")
		changed, err = d.SetCancelStatus(ctx, failedRefused.ID, db.CancelFail, time.Time{}, t0)
		ok(t, changed, err, true, "void refused")

		n, err := d.CountCaptureFailures(ctx, now)
		check(t, err)
		eq(t, n, 3, "capture failures open (not expired, not captured or voided since, no capture or void under way)")
		capturing, releasingN, err := d.PendingAuthorizations(ctx)
		check(t, err)
		eq(t, []int{capturing, releasingN}, []int{1, 2}, "authorizations being captured, being released")
		totals, err := d.OpenAuthorizations(ctx)
		check(t, err)
		eq(t, totals, []db.CurrencyTotal{{"USD", 5, 5000}}, "open authorizations waiting for staff (failed ones, the expired one, the waiting one, the one whose void was refused)")

		rows, err := d.SearchOrders(ctx, db.OrderSearch{CaptureFailed: true, Now: now, Limit: 10})
		check(t, err)
		var refs []string
		for _, r := range rows {
			refs = append(refs, r.Ref)
		}
		eq(t, refs, []string{"ORD-FAILED-VOID-REFUSED", "ORD-FAILED-NO-EXPIRY", "ORD-FAILED"}, "orders listed as capture failed, newest first")
		eq(t, []any{rows[2].LastCapture, rows[2].Attempt.AuthExpiresAt}, []any{db.CaptureFail, later.UTC()}, "the list row's newest capture and expiry")
		rows, err = d.SearchOrders(ctx, db.OrderSearch{Text: "ORD-FAILED-CAPTURING", Limit: 10})
		check(t, err)
		eq(t, rows[0].LastCapture, db.CaptureProcessing, "a capture under way after a failed one")
	})
}
