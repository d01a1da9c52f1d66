package db_test

import (
	"testing"
	"time"

	"antom-checkout/db"
	"antom-checkout/db/dbtest"
)

// A capture made outside this app is recorded once, SUCCESS, with its
// captureId and CapturedOutside as its author: told again under the same
// captureRequestId it records nothing.
func TestInsertOutsideCaptureOnce(t *testing.T) {
	dbtest.ForEachBackend(t, func(t *testing.T, d *db.DB) {
		a := authorizedUntil(t, d, "ORD-OUTSIDE", t0.Add(time.Hour))
		c := db.Capture{OrderID: a.OrderID, AttemptID: a.ID, CaptureRequestID: "EXT-1", CaptureID: "CAP-ID-EXT",
			Currency: "USD", Amount: 700, CreatedAt: t0}
		fresh, err := d.InsertOutsideCapture(ctx, c)
		ok(t, fresh, err, true, "first told")
		fresh, err = d.InsertOutsideCapture(ctx, c)
		ok(t, fresh, err, false, "told again")
		cs, err := d.OrderCaptures(ctx, a.OrderID)
		check(t, err)
		eq(t, len(cs), 1, "captures recorded")
		got := cs[0]
		eq(t, []any{got.CaptureRequestID, got.CaptureID, got.Amount, got.Status, got.ResultCode, got.CreatedBy},
			[]any{"EXT-1", "CAP-ID-EXT", int64(700), db.CaptureSuccess, "SUCCESS", db.CapturedOutside}, "the capture")
	})
}

// An ended authorization whose ask of Antom got no answer is not listed
// again until its next ask is due, with its asks counted; a second count
// of the same ask, or one of an order no longer AUTHORIZED, counts
// nothing.
func TestRetryEndCheckAt(t *testing.T) {
	dbtest.ForEachBackend(t, func(t *testing.T, d *db.DB) {
		now := t0.Add(2 * time.Hour)
		a := authorizedUntil(t, d, "ORD-END-CHECK", t0.Add(time.Hour))
		listed := func(at time.Time) []db.EndedAuthorization {
			t.Helper()
			ended, err := d.AuthorizationsEndedBy(ctx, at)
			check(t, err)
			return ended
		}
		ended := listed(now)
		eq(t, len(ended), 1, "ended, never asked")
		eq(t, ended[0].Checks, 0, "asks so far")

		changed, err := d.RetryEndCheckAt(ctx, a.ID, 0, now.Add(time.Minute), now)
		ok(t, changed, err, true, "first ask counted")
		changed, err = d.RetryEndCheckAt(ctx, a.ID, 0, now.Add(time.Minute), now)
		ok(t, changed, err, false, "the same ask counted twice")
		eq(t, len(listed(now)), 0, "listed before its next ask is due")
		ended = listed(now.Add(time.Minute))
		eq(t, len(ended), 1, "listed once its next ask is due")
		eq(t, ended[0].Checks, 1, "asks so far")

		captured(t, d, a, "CAP-END-CHECK", 500, db.CaptureSuccess)
		changed, err = d.RetryEndCheckAt(ctx, a.ID, 1, now.Add(2*time.Minute), now)
		ok(t, changed, err, false, "an ask of a paid order")
	})
}

// Stopped asks of an ended authorization: the ask is counted, the order
// stays AUTHORIZED and is listed no more, the attempt keeps when; a
// second stop, or one of asks counted otherwise, changes nothing.
func TestStopEndChecks(t *testing.T) {
	dbtest.ForEachBackend(t, func(t *testing.T, d *db.DB) {
		now := t0.Add(2 * time.Hour)
		a := authorizedUntil(t, d, "ORD-END-STOP", t0.Add(time.Hour))
		changed, err := d.StopEndChecks(ctx, a.ID, 1, now)
		ok(t, changed, err, false, "asks counted otherwise")
		changed, err = d.StopEndChecks(ctx, a.ID, 0, now)
		ok(t, changed, err, true, "stopped")
		changed, err = d.StopEndChecks(ctx, a.ID, 1, now)
		ok(t, changed, err, false, "stopped twice")
		ended, err := d.AuthorizationsEndedBy(ctx, now.Add(365*24*time.Hour))
		check(t, err)
		eq(t, len(ended), 0, "listed once stopped")
		got, err := d.AttemptByID(ctx, a.ID)
		check(t, err)
		eq(t, got.EndChecksStoppedAt.Equal(now), true, "when stopped")
		o, err := d.OrderByID(ctx, a.OrderID)
		check(t, err)
		eq(t, o.Status, db.OrderAuthorized, "the order")
	})
}

// An ended authorization whose asks stopped is listed for staff
// (AsksStoppedOrders) and found to close (AsksStoppedAuthorization) while
// its order is AUTHORIZED and nothing is under way on it; not before its
// asks stopped, not once a capture of it is under way, not once closed.
func TestAsksStoppedAuthorization(t *testing.T) {
	dbtest.ForEachBackend(t, func(t *testing.T, d *db.DB) {
		now := t0.Add(2 * time.Hour)
		a := authorizedUntil(t, d, "ORD-ASKS-STOP", t0.Add(time.Hour))
		authorizedUntil(t, d, "ORD-ASKS-GO-ON", t0.Add(time.Hour)) // ended, asks going on
		listed := func(want []int64, what string) {
			t.Helper()
			ids, err := d.AsksStoppedOrders(ctx)
			check(t, err)
			eq(t, ids, want, what)
		}
		listed(nil, "none stopped")
		_, err := d.AsksStoppedAuthorization(ctx, a.OrderID, now)
		eq(t, err, db.ErrNotFound, "asks not stopped")

		changed, err := d.StopEndChecks(ctx, a.ID, 0, now)
		ok(t, changed, err, true, "stopped")
		listed([]int64{a.OrderID}, "stopped")
		x, err := d.AsksStoppedAuthorization(ctx, a.OrderID, now)
		check(t, err)
		eq(t, []any{x.OrderID, x.AttemptID, x.Ref, x.AuthExpiresAt.Equal(t0.Add(time.Hour)), x.RefusedWith, x.Checks},
			[]any{a.OrderID, a.ID, "ORD-ASKS-STOP", true, "", 1}, "the authorization to close")

		c, err := d.InsertCapture(ctx, db.Capture{OrderID: a.OrderID, AttemptID: a.ID, CaptureRequestID: "CAP-ASKS", Currency: "USD",
			Amount: 500, Status: db.CaptureProcessing, CreatedBy: "ann", CreatedAt: now})
		check(t, err)
		_, err = d.AsksStoppedAuthorization(ctx, a.OrderID, now)
		eq(t, err, db.ErrNotFound, "a capture under way")
		changed, err = d.SettleCapture(ctx, c, db.CaptureFail, "AUTH_EXPIRED", "expired", "", now)
		ok(t, changed, err, true, "the capture refused")
		changed, err = d.EndAuthorization(ctx, a.OrderID, db.OrderExpired, now)
		ok(t, changed, err, true, "closed")
		listed(nil, "closed")
		_, err = d.AsksStoppedAuthorization(ctx, a.OrderID, now)
		eq(t, err, db.ErrNotFound, "closed")
	})
}
