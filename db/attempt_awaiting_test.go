package db_test

import (
	"testing"
	"time"

	"antom-checkout/db"
	"antom-checkout/db/dbtest"
)

// AwaitingPaymentID finds the newest PROCESSING card attempt of a
// capture mode without a paymentId (up to an id, if given), and none once
// it has one, is settled, or is of another method or mode.
func TestAwaitingPaymentID(t *testing.T) {
	dbtest.ForEachBackend(t, func(t *testing.T, d *db.DB) {
		card := func(ref, mode string) db.Attempt {
			t.Helper()
			o := newOrder(t, d, ref, 0, "USD", 500)
			a := db.Attempt{OrderID: o.ID, PaymentRequestID: "PR-" + ref, Method: db.MethodCard, Currency: "USD",
				Amount: 500, Status: db.AttemptProcessing, ExpiresAt: t0.Add(time.Minute), NextCheckAt: t0.Add(5 * time.Second),
				CreatedAt: t0, CaptureMode: mode}
			id, err := d.InsertAttempt(ctx, a)
			check(t, err)
			a.ID = id
			return a
		}
		_, err := d.AwaitingPaymentID(ctx, "AUTOMATIC", 0)
		eq(t, err, db.ErrNotFound, "none at all")
		newAttempt(t, d, newOrder(t, d, "ORD-AWAIT-W", 0, "USD", 500), "PR-AWAIT-W") // a wallet attempt
		card("ORD-AWAIT-M", "MANUAL")
		_, err = d.AwaitingPaymentID(ctx, "AUTOMATIC", 0)
		eq(t, err, db.ErrNotFound, "only a wallet attempt and a MANUAL card one")

		first, second := card("ORD-AWAIT-1", "AUTOMATIC"), card("ORD-AWAIT-2", "AUTOMATIC")
		got, err := d.AwaitingPaymentID(ctx, "AUTOMATIC", 0)
		check(t, err)
		eq(t, got.ID, second.ID, "the newest waiting")
		got, err = d.AwaitingPaymentID(ctx, "AUTOMATIC", first.ID)
		check(t, err)
		eq(t, got.ID, first.ID, "the newest waiting up to the first")
		check(t, d.SetAttemptPaymentID(ctx, first.ID, "PAY-AWAIT-1", t0))
		_, err = d.AwaitingPaymentID(ctx, "AUTOMATIC", first.ID)
		eq(t, err, db.ErrNotFound, "up to the first, once it has its paymentId")
		got, err = d.AwaitingPaymentID(ctx, "AUTOMATIC", 0)
		check(t, err)
		eq(t, got.ID, second.ID, "once the first has its paymentId")
		changed, err := d.SettleAttempt(ctx, second.ID, db.AttemptProcessing, "", db.Settlement{Status: db.AttemptFail,
			Code: "PROCESS_FAIL", Source: db.SourceAntom}, t0)
		ok(t, changed, err, true, "settle the second")
		_, err = d.AwaitingPaymentID(ctx, "AUTOMATIC", 0)
		eq(t, err, db.ErrNotFound, "the second settled without a paymentId")
	})
}
