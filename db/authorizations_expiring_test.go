package db_test

import (
	"testing"
	"time"

	"antom-checkout/db"
	"antom-checkout/db/dbtest"
)

// The authorizations expiring in a window are those waiting for staff —
// no capture or void of them under way, not captured — whose expiry is
// after now and at or before the window's end; the soonest expiry comes
// with their count, zero when there are none. The orders list's filter
// lists the same, soonest first.
func TestAuthorizationsExpiring(t *testing.T) {
	dbtest.ForEachBackend(t, func(t *testing.T, d *db.DB) {
		now, until := t0.Add(time.Hour), t0.Add(25*time.Hour)
		authorize := func(ref string, expires time.Time) db.Attempt { return authorizedUntil(t, d, ref, expires) }
		authorize("ORD-LATER", now.Add(20*time.Hour))
		authorize("ORD-SOON", now.Add(2*time.Hour))
		authorize("ORD-AT-END", until)
		authorize("ORD-PAST-END", until.Add(time.Second))
		authorize("ORD-EXPIRED", now)
		authorize("ORD-NO-EXPIRY", time.Time{})
		captured(t, d, authorize("ORD-CAPTURING", now.Add(time.Hour)), "CAP-ORD-CAPTURING", 1000, db.CaptureProcessing)
		captured(t, d, authorize("ORD-CAPTURE-FAILED", now.Add(3*time.Hour)), "CAP-ORD-CAPTURE-FAILED", 1000, db.CaptureFail)
		releasing := authorize("ORD-RELEASING", now.Add(time.Hour))
		changed, err := d.RequestCancel(ctx, releasing.ID, "", t0)
		ok(t, changed, err, true, "void requested")

		n, soonest, err := d.AuthorizationsExpiring(ctx, now, until)
		check(t, err)
		eq(t, n, 4, "expiring: soon, capture failed, later, at the end")
		eq(t, soonest, now.Add(2*time.Hour).UTC(), "the soonest expiry")

		rows, err := d.SearchOrders(ctx, db.OrderSearch{Now: now, ExpiringBy: until, SoonestExpiry: true, Limit: 20})
		check(t, err)
		var refs []string
		for _, r := range rows {
			refs = append(refs, r.Ref)
		}
		eq(t, refs, []string{"ORD-SOON", "ORD-CAPTURE-FAILED", "ORD-LATER", "ORD-AT-END"}, "listed, soonest first")

		n, soonest, err = d.AuthorizationsExpiring(ctx, until.Add(time.Second), until.Add(time.Hour)) // ORD-PAST-END expires at its start
		check(t, err)
		eq(t, n, 0, "none expiring after the end")
		eq(t, soonest, time.Time{}, "no soonest expiry")
	})
}
