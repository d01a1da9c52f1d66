package db_test

import (
	"testing"

	"antom-checkout/db"
	"antom-checkout/db/dbtest"
)

// NotificationVerdicts maps each inbox row asked for that exists to its
// verdict, and leaves out ids there are not.
func TestNotificationVerdicts(t *testing.T) {
	dbtest.ForEachBackend(t, func(t *testing.T, d *db.DB) {
		row := func(verdict string) int64 {
			t.Helper()
			id, err := d.InsertNotification(ctx, db.Notification{ReceivedAt: t0, Kind: "PAYMENT_RESULT", BodyRedacted: `{}`, Verdict: verdict})
			check(t, err)
			return id
		}
		held, stale := row("quarantined"), row("stale")
		got, err := d.NotificationVerdicts(ctx, []int64{held, stale, stale + 100})
		check(t, err)
		eq(t, got, map[int64]string{held: "quarantined", stale: "stale"}, "verdicts")
		got, err = d.NotificationVerdicts(ctx, nil)
		check(t, err)
		eq(t, len(got), 0, "none asked")
	})
}
