package db_test

import (
	"fmt"
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
			a := automaticCardAttempt(t, d, ref, db.MethodCard, db.CaptureAutomatic)
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

// automaticCardAttempt is a PROCESSING attempt "PR-"+ref of method in
// captureMode, of a new USD 1.00 order ref.
func automaticCardAttempt(t *testing.T, d *db.DB, ref, method, captureMode string) db.Attempt {
	t.Helper()
	o := newOrder(t, d, ref, 0, "USD", 100)
	a := db.Attempt{OrderID: o.ID, PaymentRequestID: "PR-" + ref, Method: method, Currency: "USD", Amount: 100,
		Status: db.AttemptProcessing, ExpiresAt: t0.Add(time.Minute), NextCheckAt: t0, CreatedAt: t0, CaptureMode: captureMode}
	id, err := d.InsertAttempt(ctx, a)
	check(t, err)
	a.ID = id
	return a
}

// The dashboard's count and the orders filter (FailedAutomaticCaptureOrders)
// and the captures the notifications name (FailedAutomaticCaptures) read
// the rule the order page's notice reads (db.FailedAutomatic): a card
// payment in AUTOMATIC mode that Antom settled FAIL — not a wallet
// payment, a MANUAL one, nor one we closed ourselves, whatever automatic
// capture is on record of it (trial: the count took any method, the
// notice cards only).
func TestFailedAutomaticCaptureOrdersReadFailedAutomatic(t *testing.T) {
	dbtest.ForEachBackend(t, func(t *testing.T, d *db.DB) {
		var want []int64
		wantCaps := map[string]string{}
		var caps []string
		for i, c := range []struct{ method, mode, source string }{
			{db.MethodCard, db.CaptureAutomatic, db.SourceAntom},
			{db.MethodWallet, db.CaptureAutomatic, db.SourceAntom},
			{db.MethodWallet, "", db.SourceAntom},
			{db.MethodCard, "MANUAL", db.SourceAntom},
			{db.MethodCard, db.CaptureAutomatic, db.SourceOurs},
		} {
			ref := fmt.Sprintf("FAO-%d", i)
			a := automaticCardAttempt(t, d, ref, c.method, c.mode)
			capID := "CAP-" + ref
			fresh, err := d.InsertAutomaticCapture(ctx, db.AutomaticCapture{CaptureID: capID, AttemptID: a.ID, Currency: "USD", Amount: 100, CreatedAt: t0})
			ok(t, fresh, err, true, "automatic capture recorded")
			changed, err := d.SettleAttempt(ctx, a.ID, db.AttemptProcessing, "", db.Settlement{Status: db.AttemptFail, Code: "PROCESS_FAIL", Source: c.source}, t0.Add(time.Second))
			ok(t, changed, err, true, "failed")
			a, err = d.AttemptByID(ctx, a.ID)
			check(t, err)
			caps = append(caps, capID)
			if db.FailedAutomatic(a) {
				want = append(want, a.OrderID)
				wantCaps[capID] = a.PaymentRequestID
			}
		}
		eq(t, len(want), 1, "payments the notice reads")
		got, err := d.FailedAutomaticCaptureOrders(ctx)
		check(t, err)
		eq(t, got, want, "orders counted and filtered")
		gotCaps, err := d.FailedAutomaticCaptures(ctx, caps)
		check(t, err)
		eq(t, gotCaps, wantCaps, "failed automatic captures named")
	})
}
