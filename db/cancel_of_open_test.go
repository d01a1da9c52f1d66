package db_test

import (
	"testing"
	"time"

	"antom-checkout/db"
	"antom-checkout/db/dbtest"
)

// RequestCancelOfOpen stores a cancel only for an attempt still open with
// none stored: never over a cancel already counting its sends, never for
// a settled attempt (a cancel of a paid one would give the money back).
func TestRequestCancelOfOpen(t *testing.T) {
	dbtest.ForEachBackend(t, func(t *testing.T, d *db.DB) {
		open := newAttempt(t, d, newOrder(t, d, "ORD-LEFT", 0, "USD", 100), "PR-LEFT")
		changed, err := d.RequestCancelOfOpen(ctx, open.ID, "", t0)
		ok(t, changed, err, true, "store the cancel of an open attempt")
		a, err := d.AttemptByID(ctx, open.ID)
		check(t, err)
		eq(t, a.CancelStatus, db.CancelProcessing, "cancel status")
		if !a.NextCheckAt.Equal(t0) {
			t.Fatalf("next check at %v, want at once (%v)", a.NextCheckAt, t0)
		}
		changed, err = d.RequestCancelOfOpen(ctx, open.ID, "", t0.Add(time.Minute))
		ok(t, changed, err, false, "a second time")

		paid := newAttempt(t, d, newOrder(t, d, "ORD-PAID", 0, "USD", 100), "PR-PAID")
		changed, err = d.SettleAttempt(ctx, paid.ID, db.AttemptProcessing, "", db.Settlement{Status: db.AttemptSuccess, Source: db.SourceAntom}, t0)
		ok(t, changed, err, true, "settle paid")
		changed, err = d.RequestCancelOfOpen(ctx, paid.ID, "", t0)
		ok(t, changed, err, false, "a paid attempt")
		a, err = d.AttemptByID(ctx, paid.ID)
		check(t, err)
		eq(t, a.CancelStatus, "", "a paid attempt's cancel status")
	})
}
