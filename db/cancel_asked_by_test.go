package db_test

import (
	"testing"
	"time"

	"antom-checkout/db"
	"antom-checkout/db/dbtest"
)

// A cancel stores who asked for it; one asked again while it is
// PROCESSING keeps its first asker, and a new cancel after one ended is
// the new asker's. Every read of an attempt reads it.
func TestCancelStoresWhoAsked(t *testing.T) {
	dbtest.ForEachBackend(t, func(t *testing.T, d *db.DB) {
		o := newOrder(t, d, "ORD-ASKED", 0, "USD", 100)
		a := newAttempt(t, d, o, "PR-ASKED")
		asked := func(want string) {
			t.Helper()
			got, err := d.AttemptByID(ctx, a.ID)
			check(t, err)
			eq(t, got.CancelAskedBy, want, "asked by, read by id")
			latest, err := d.LatestAttempt(ctx, o.ID)
			check(t, err)
			eq(t, latest.CancelAskedBy, want, "asked by, read as the order's latest")
		}
		stored, err := d.RequestCancel(ctx, a.ID, "expiry", t0)
		ok(t, stored, err, true, "the expiry's cancel")
		asked("expiry")
		stored, err = d.RequestCancel(ctx, a.ID, "other-paid", t0.Add(time.Second))
		ok(t, stored, err, true, "asked again while PROCESSING")
		asked("expiry")
		ended, err := d.SetCancelStatus(ctx, a.ID, db.CancelFail, time.Time{}, t0.Add(2*time.Second))
		ok(t, ended, err, true, "the cancel refused")
		stored, err = d.RequestCancel(ctx, a.ID, "closed", t0.Add(3*time.Second))
		ok(t, stored, err, true, "a new cancel")
		asked("closed")

		open := newAttempt(t, d, newOrder(t, d, "ORD-ASKED-OPEN", 0, "USD", 100), "PR-ASKED-OPEN")
		stored, err = d.RequestCancelOfOpen(ctx, open.ID, "buyer", t0)
		ok(t, stored, err, true, "the buyer's cancel of an open payment")
		got, err := d.AttemptByID(ctx, open.ID)
		check(t, err)
		eq(t, got.CancelAskedBy, "buyer", "asked by")
	})
}

// Migration 50 leaves a cancel stored before it with no asker ("": read
// from the rest of the row), on both backends.
func TestMigration50LeavesEarlierCancelsUnasked(t *testing.T) {
	for _, b := range backends {
		t.Run(string(b), func(t *testing.T) {
			source := dbtest.Source(t, b)
			old, err := db.OpenAt(ctx, source, 49)
			check(t, err)
			_, a := paidAttempt(t, old, "ORD-MIG50", "USD", 1000, t0)
			_, err = old.Raw().ExecContext(ctx, `UPDATE payment_attempts SET cancel_status = 'PROCESSING' WHERE id = ?`, a.ID)
			check(t, err)
			check(t, old.Close())
			d, err := db.Open(ctx, source)
			check(t, err)
			defer d.Close()
			got, err := d.AttemptByID(ctx, a.ID)
			check(t, err)
			eq(t, got.CancelStatus+"/"+got.CancelAskedBy, db.CancelProcessing+"/", "the cancel stored before migration 50")
		})
	}
}
