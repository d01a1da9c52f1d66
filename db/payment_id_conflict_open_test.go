package db_test

import (
	"testing"
	"time"

	"antom-checkout/db"
	"antom-checkout/db/dbtest"
)

// A card payment with a paymentId conflict that is not held yet (before
// its expiry) is counted once, as the conflict: CountOpenAttemptsBefore
// leaves it out of the card pages open while PaymentIDConflictOrders
// has it, and counts it again once staff mark the conflict resolved (it
// is still open, and nothing else counts it).
func TestPaymentIDConflictNotHeldCountedOnce(t *testing.T) {
	dbtest.ForEachBackend(t, func(t *testing.T, d *db.DB) {
		at := t0.Add(time.Second)
		o := newOrder(t, d, "PCO-1", 0, "USD", 100)
		id, err := d.InsertAttempt(ctx, db.Attempt{OrderID: o.ID, PaymentRequestID: "PR-PCO-1", Method: db.MethodCard, Currency: "USD",
			Amount: 100, Status: db.AttemptProcessing, ExpiresAt: t0.Add(14 * time.Minute),
			NextCheckAt: t0.Add(5 * time.Second), CreatedAt: t0})
		check(t, err)
		check(t, d.SetAttemptPaymentID(ctx, id, "PAYA-PCO-1", at))
		check(t, d.SetAttemptRedirect(ctx, id, "https://antom.test/card", at))
		open := func() db.OpenAttempts {
			t.Helper()
			n, err := d.CountOpenAttemptsBefore(ctx, at.Add(time.Hour))
			check(t, err)
			return n
		}
		eq(t, open(), db.OpenAttempts{CardPage: 1}, "a card page open")
		fresh, err := d.RecordPaymentIDConflict(ctx, id, "PAYB-PCO-1", at)
		ok(t, fresh, err, true, "conflict recorded")
		ids, err := d.PaymentIDConflictOrders(ctx)
		check(t, err)
		eq(t, ids, []int64{o.ID}, "orders with a paymentId conflict")
		eq(t, open(), db.OpenAttempts{}, "open payments, the conflict not held yet (counted as the conflict only)")
		resolved, err := d.ResolveAlarm(ctx, id, db.AlarmPaymentIDConflict, "ann", "looked up in Antom Dashboard", at)
		ok(t, resolved, err, true, "resolved")
		ids, err = d.PaymentIDConflictOrders(ctx)
		check(t, err)
		eq(t, len(ids), 0, "orders with a paymentId conflict, resolved")
		eq(t, open(), db.OpenAttempts{CardPage: 1}, "open payments, the conflict resolved and not held")
	})
}
