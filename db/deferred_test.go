package db_test

import (
	"testing"
	"time"

	"antom-checkout/db"
	"antom-checkout/db/dbtest"
)

// An automatic capture is recorded once per captureId: told again, in
// another transaction or the same one, it is not recorded again.
func TestAutomaticCaptureOncePerCaptureID(t *testing.T) {
	dbtest.ForEachBackend(t, func(t *testing.T, d *db.DB) {
		_, a := paidAttempt(t, d, "ORD-AUTO", "USD", 1250, t0)
		c := db.AutomaticCapture{CaptureID: "CAP-1", AttemptID: a.ID, Currency: "USD", Amount: 1250, CreatedAt: t0}
		fresh, err := d.InsertAutomaticCapture(ctx, c)
		ok(t, fresh, err, true, "first")
		fresh, err = d.InsertAutomaticCapture(ctx, c)
		ok(t, fresh, err, false, "the same captureId again")
		check(t, d.Tx(ctx, func(q *db.Queries) error {
			other := c
			other.CaptureID = "CAP-2"
			fresh, err := q.InsertAutomaticCapture(ctx, other)
			ok(t, fresh, err, true, "another captureId")
			fresh, err = q.InsertAutomaticCapture(ctx, other)
			ok(t, fresh, err, false, "it again in the same transaction")
			return nil
		}))
		got, err := d.AutomaticCaptures(ctx, a.ID)
		check(t, err)
		eq(t, got, []db.AutomaticCapture{c, {CaptureID: "CAP-2", AttemptID: a.ID, Currency: "USD", Amount: 1250, CreatedAt: t0}}, "recorded")
	})
}

// A deferred row waits for its paymentId: DeferredReady lists it once a
// payment attempt has that paymentId, and not once it has a finished
// replay (its replay's row waits in its place) or is settled.
// SettleDeferred settles a replay's source and every row up its chain of
// replays, and the inbox's deferred filter leaves them out.
func TestDeferredRowsWaitThenSettle(t *testing.T) {
	dbtest.ForEachBackend(t, func(t *testing.T, d *db.DB) {
		row := func(verdict, awaits string, at int) int64 {
			t.Helper()
			id, err := d.InsertNotification(ctx, db.Notification{ReceivedAt: t0.Add(time.Duration(at) * time.Second),
				Kind: "CAPTURE_RESULT", BodySealed: everyByte(), BodyRedacted: `{}`, Verdict: verdict, Awaits: awaits})
			check(t, err)
			return id
		}
		// replay replays row of, deferred again (waiting for awaits), and
		// returns the replay's row.
		replay := func(of int64, awaits string) int64 {
			t.Helper()
			changed, err := d.ClaimReplay(ctx, of, "H", "staff", t0, t0.Add(-time.Minute))
			ok(t, changed, err, true, "claim the replay")
			var id int64
			check(t, d.Tx(ctx, func(q *db.Queries) error {
				id, err = q.InsertReplayRow(ctx, db.Notification{ReceivedAt: t0.Add(3 * time.Second), Kind: "CAPTURE_RESULT",
					BodySealed: everyByte(), BodyRedacted: `{}`, Verdict: "deferred", Awaits: awaits}, of, "H")
				return err
			}))
			check(t, d.FinishReplay(ctx, of, "H", "deferred", t0))
			return id
		}
		ready := func(paymentID string, want ...int64) {
			t.Helper()
			got, err := d.DeferredReady(ctx, paymentID, db.DeferredDue{Now: t0, MaxFailures: 8, Limit: 10})
			check(t, err)
			if want == nil {
				want = []int64{}
			}
			if got == nil {
				got = []int64{}
			}
			eq(t, got, want, "ready for "+paymentID)
		}

		first := row("deferred", "PAY-ORD-A", 0)
		other := row("deferred", "PAY-ORD-B", 1)
		row("applied", "", 2)
		ready("PAY-ORD-A")
		ready("")
		_, a := paidAttempt(t, d, "ORD-A", "USD", 100, t0)
		eq(t, a.PaymentID, "PAY-ORD-A", "the payment's paymentId")
		ready("PAY-ORD-A", first)
		ready("", first)

		// Replayed while still deferred: its replay's row waits instead.
		second := replay(first, "PAY-ORD-A")
		ready("PAY-ORD-A", second)

		deferred := func(want ...int64) {
			t.Helper()
			page, err := d.NotificationsPage(ctx, "deferred", 10, 0)
			check(t, err)
			got := []int64{}
			for _, n := range page {
				got = append(got, n.ID)
			}
			eq(t, got, want, "listed as deferred")
		}
		deferred(second, other, first)

		applied := row("applied", "", 4)
		check(t, d.Tx(ctx, func(q *db.Queries) error { return q.SettleDeferred(ctx, second, applied) }))
		for _, id := range []int64{first, second} {
			n, err := d.NotificationByID(ctx, id)
			check(t, err)
			eq(t, n.SettledBy, applied, "settled by")
			eq(t, n.Verdict, "deferred", "verdict on arrival kept")
		}
		n, err := d.NotificationByID(ctx, other)
		check(t, err)
		eq(t, n.SettledBy, int64(0), "another payment's deferred row")
		ready("PAY-ORD-A")
		deferred(other)
		all, err := d.NotificationsPage(ctx, "", 10, 0)
		check(t, err)
		eq(t, len(all), 5, "every row listed without a filter")
	})
}

// A quarantined row a replay dealt with waits no longer: SettleDeferred
// settles it as a deferred one, the dashboard's count and the inbox's
// quarantined filter leave it out, and another quarantined row stays.
func TestReplayedQuarantineIsSettled(t *testing.T) {
	dbtest.ForEachBackend(t, func(t *testing.T, d *db.DB) {
		row := func(verdict string, at int) int64 {
			t.Helper()
			id, err := d.InsertNotification(ctx, db.Notification{ReceivedAt: t0.Add(time.Duration(at) * time.Second),
				Kind: "PAYMENT_RESULT", BodySealed: everyByte(), BodyRedacted: `{}`, Verdict: verdict})
			check(t, err)
			return id
		}
		held, other := row("quarantined", 0), row("quarantined", 1)
		count := func(want int) {
			t.Helper()
			n, err := d.CountNotifications(ctx, "quarantined")
			check(t, err)
			eq(t, n, want, "quarantined rows waiting")
		}
		count(2)
		applied := row("applied", 2)
		check(t, d.Tx(ctx, func(q *db.Queries) error { return q.SettleDeferred(ctx, held, applied) }))
		n, err := d.NotificationByID(ctx, held)
		check(t, err)
		eq(t, []any{n.Verdict, n.SettledBy}, []any{"quarantined", applied}, "the replayed row")
		count(1)
		page, err := d.NotificationsPage(ctx, "quarantined", 10, 0)
		check(t, err)
		eq(t, len(page), 1, "listed as quarantined")
		eq(t, page[0].ID, other, "the row still waiting")
	})
}
