package db_test

import (
	"testing"
	"time"

	"antom-checkout/db"
	"antom-checkout/db/dbtest"
)

// FailedAutomaticCaptures lists, of the captureIds asked about, the
// automatic captures of a payment Antom settled FAIL — not of one still
// open, nor of one we closed ourselves — with that payment's
// paymentRequestId.
func TestFailedAutomaticCaptures(t *testing.T) {
	dbtest.ForEachBackend(t, func(t *testing.T, d *db.DB) {
		at := t0.Add(time.Second)
		captured := func(ref, capID string) db.Attempt {
			t.Helper()
			a := newAttempt(t, d, newOrder(t, d, ref, 0, "USD", 100), "PR-"+ref)
			fresh, err := d.InsertAutomaticCapture(ctx, db.AutomaticCapture{CaptureID: capID, AttemptID: a.ID, Currency: "USD", Amount: 100, CreatedAt: t0})
			ok(t, fresh, err, true, "automatic capture recorded")
			return a
		}
		failed := captured("FAC-1", "CAP-1")
		ours := captured("FAC-2", "CAP-2")
		captured("FAC-3", "CAP-3") // still open
		ids := []string{"CAP-1", "CAP-2", "CAP-3", "CAP-NONE"}

		got, err := d.FailedAutomaticCaptures(ctx, ids)
		check(t, err)
		eq(t, len(got), 0, "before any failure")
		changed, err := d.SettleAttempt(ctx, failed.ID, db.AttemptProcessing, "", db.Settlement{Status: db.AttemptFail, Code: "PROCESS_FAIL", Source: db.SourceAntom}, at)
		ok(t, changed, err, true, "failed at Antom")
		changed, err = d.SettleAttempt(ctx, ours.ID, db.AttemptProcessing, "", db.Settlement{Status: db.AttemptFail, Code: "ORDER_NOT_EXIST", Source: db.SourceOurs}, at)
		ok(t, changed, err, true, "closed by us")
		got, err = d.FailedAutomaticCaptures(ctx, ids)
		check(t, err)
		eq(t, got, map[string]string{"CAP-1": "PR-FAC-1"}, "failed automatic captures")
		got, err = d.FailedAutomaticCaptures(ctx, nil)
		check(t, err)
		eq(t, len(got), 0, "none asked about")
	})
}
