package db_test

import (
	"testing"
	"time"

	"antom-checkout/db"
	"antom-checkout/db/dbtest"
)

// A deferred row waits for the attempts up to its AwaitsAttempt, not for
// every attempt: DeferredUnawaited lists it once each of those has a
// paymentId (another) or is closed, however many newer attempts still
// wait; DeferralBound tells a copy of it which attempts those are.
func TestDeferredRowUnawaitedOnceItsAttemptsAreDone(t *testing.T) {
	dbtest.ForEachBackend(t, func(t *testing.T, d *db.DB) {
		card := func(ref string) db.Attempt {
			t.Helper()
			o := newOrder(t, d, ref, 0, "USD", 500)
			a := db.Attempt{OrderID: o.ID, PaymentRequestID: "PR-" + ref, Method: db.MethodCard, Currency: "USD",
				Amount: 500, Status: db.AttemptProcessing, ExpiresAt: t0.Add(time.Minute), NextCheckAt: t0.Add(5 * time.Second),
				CreatedAt: t0, CaptureMode: "AUTOMATIC"}
			id, err := d.InsertAttempt(ctx, a)
			check(t, err)
			a.ID = id
			return a
		}
		due := db.DeferredDue{Now: t0, MaxFailures: 8, Limit: 10}
		unawaited := func(what string, want ...int64) {
			t.Helper()
			got, err := d.DeferredUnawaited(ctx, "AUTOMATIC", due)
			check(t, err)
			if want == nil {
				want = []int64{}
			}
			if got == nil {
				got = []int64{}
			}
			eq(t, got, want, what)
		}
		first, second := card("ORD-UNAW-1"), card("ORD-UNAW-2")
		bound, err := d.DeferralBound(ctx, "PAY-STRANGER")
		check(t, err)
		eq(t, bound, int64(0), "no copy of it deferred before")
		id, err := d.InsertNotification(ctx, db.Notification{ReceivedAt: t0, Kind: "CAPTURE_RESULT", BodySealed: everyByte(),
			BodyRedacted: `{}`, Verdict: "deferred", Awaits: "PAY-STRANGER", AwaitsAttempt: second.ID})
		check(t, err)
		bound, err = d.DeferralBound(ctx, "PAY-STRANGER")
		check(t, err)
		eq(t, bound, second.ID, "the attempts its first copy waits for")
		unawaited("while both its attempts wait")

		check(t, d.SetAttemptPaymentID(ctx, first.ID, "PAY-UNAW-1", t0))
		newer := card("ORD-UNAW-3")
		unawaited("while the second still waits")
		changed, err := d.SettleAttempt(ctx, second.ID, db.AttemptProcessing, "", db.Settlement{Status: db.AttemptFail,
			Code: "PROCESS_FAIL", Source: db.SourceAntom}, t0)
		ok(t, changed, err, true, "close the second without a paymentId")
		unawaited("once none of its attempts waits, though a newer one does", id)
		_, err = d.AwaitingPaymentID(ctx, "AUTOMATIC", 0)
		check(t, err)
		eq(t, newer.PaymentID, "", "the newer attempt still waiting")

		ready, err := d.DeferredReady(ctx, "", due)
		check(t, err)
		eq(t, len(ready), 0, "ready: no payment has its paymentId")
	})
}

// A deferred row whose re-application failed goes behind the others and
// is not due again until its backoff runs out; at MaxFailures it is
// listed no more (set aside for staff).
func TestDeferredRowThatFailsBacksOff(t *testing.T) {
	dbtest.ForEachBackend(t, func(t *testing.T, d *db.DB) {
		row := func() int64 {
			t.Helper()
			id, err := d.InsertNotification(ctx, db.Notification{ReceivedAt: t0, Kind: "CAPTURE_RESULT", BodySealed: everyByte(),
				BodyRedacted: `{}`, Verdict: "deferred", Awaits: "PAY-ORD-BACK"})
			check(t, err)
			return id
		}
		failing, other := row(), row()
		paidAttempt(t, d, "ORD-BACK", "USD", 100, t0)
		ready := func(now time.Time, limit int, what string, want ...int64) {
			t.Helper()
			got, err := d.DeferredReady(ctx, "", db.DeferredDue{Now: now, MaxFailures: 2, Limit: limit})
			check(t, err)
			if want == nil {
				want = []int64{}
			}
			if got == nil {
				got = []int64{}
			}
			eq(t, got, want, what)
		}
		ready(t0, 1, "oldest first", failing)
		n, err := d.DeferredFailed(ctx, failing, t0.Add(time.Minute))
		check(t, err)
		eq(t, n, 1, "failures")
		ready(t0, 1, "the one that failed waits its turn", other)
		ready(t0, 10, "not due before its backoff runs out", other)
		ready(t0.Add(time.Minute), 10, "due again, behind the others", other, failing)
		n, err = d.DeferredFailed(ctx, failing, t0.Add(2*time.Minute))
		check(t, err)
		eq(t, n, 2, "failures")
		ready(t0.Add(time.Hour), 10, "set aside at MaxFailures", other)
		got, err := d.NotificationByID(ctx, failing)
		check(t, err)
		eq(t, got.ReapplyFailures, 2, "failures kept on the row")
	})
}
