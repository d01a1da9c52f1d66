package db_test

import (
	"testing"
	"time"

	"antom-checkout/db"
	"antom-checkout/db/dbtest"
)

// RecordPaymentIDConflict writes each other paymentId of an attempt
// once; PaymentIDConflictsOfOrder (and its Read) returns them by attempt
// in the order told; HoldPaymentIDConflict is set once, and the payment,
// held or not, is not among the open ones CountOpenAttemptsBefore counts
// while its conflict is not resolved.
// PaymentIDConflictOrders lists the orders with a payment Antom has not
// settled (processing, or closed by us) that has one, until staff
// resolve its alarm (ResolveAlarm): not one Antom settled, nor one
// without.
func TestPaymentIDConflicts(t *testing.T) {
	dbtest.ForEachBackend(t, func(t *testing.T, d *db.DB) {
		at := t0.Add(time.Second)
		withConflict := func(ref string, others ...string) (db.Order, db.Attempt) {
			t.Helper()
			o := newOrder(t, d, ref, 0, "USD", 100)
			a := newAttempt(t, d, o, "PR-"+ref)
			check(t, d.SetAttemptPaymentID(ctx, a.ID, "PAYA-"+ref, at))
			for i, other := range others {
				fresh, err := d.RecordPaymentIDConflict(ctx, a.ID, other, at.Add(time.Duration(i)*time.Second))
				ok(t, fresh, err, true, "conflict "+other+" recorded")
			}
			return o, a
		}
		processing, pa := withConflict("PC-1", "PAYB1", "PAYC1")
		fresh, err := d.RecordPaymentIDConflict(ctx, pa.ID, "PAYB1", at.Add(time.Hour))
		ok(t, fresh, err, false, "the same other paymentId again")
		closed, ca := withConflict("PC-2", "PAYB2")
		changed, err := d.SettleAttempt(ctx, ca.ID, db.AttemptProcessing, "", db.Settlement{Status: db.AttemptFail, Code: "ORDER_NOT_EXIST", Source: db.SourceOurs}, at)
		ok(t, changed, err, true, "closed by us")
		withConflict("PC-3")
		settled, sa := withConflict("PC-4", "PAYB4")
		changed, err = d.SettleAttempt(ctx, sa.ID, db.AttemptProcessing, "", db.Settlement{Status: db.AttemptSuccess, Code: "SUCCESS", Source: db.SourceAntom, PaidAt: at}, at)
		ok(t, changed, err, true, "settled by Antom")

		got, err := d.PaymentIDConflictsOfOrder(ctx, processing.ID)
		check(t, err)
		eq(t, got, []db.PaymentIDConflict{{AttemptID: pa.ID, PaymentID: "PAYB1", ToldAt: at}, {AttemptID: pa.ID, PaymentID: "PAYC1", ToldAt: at.Add(time.Second)}}, "conflicts of the order")
		var read []db.PaymentIDConflict
		check(t, d.ReadLast(ctx, db.ReadPaymentIDConflictsOfOrder(settled.ID, &read)))
		eq(t, read, []db.PaymentIDConflict{{AttemptID: sa.ID, PaymentID: "PAYB4", ToldAt: at}}, "conflicts read")

		open := func() int {
			t.Helper()
			n, err := d.CountOpenAttemptsBefore(ctx, at.Add(1000*time.Hour))
			check(t, err)
			return n.Processing + n.CardPage + n.Cancelling
		}
		before := open()
		held, err := d.HoldPaymentIDConflict(ctx, pa.ID, at)
		ok(t, held, err, true, "held")
		eq(t, open(), before, "open payments once held: still counted as the conflict only")
		held, err = d.HoldPaymentIDConflict(ctx, pa.ID, at)
		ok(t, held, err, false, "held again")

		ids, err := d.PaymentIDConflictOrders(ctx)
		check(t, err)
		eq(t, ids, []int64{processing.ID, closed.ID}, "orders with a paymentId conflict")
		resolved, err := d.ResolveAlarm(ctx, pa.ID, db.AlarmAutoCaptureFailed, "ann", "other alarm", at)
		ok(t, resolved, err, true, "another alarm resolved")
		ids, err = d.PaymentIDConflictOrders(ctx)
		check(t, err)
		eq(t, ids, []int64{processing.ID, closed.ID}, "orders with a paymentId conflict, another alarm resolved")
		resolved, err = d.ResolveAlarm(ctx, pa.ID, db.AlarmPaymentIDConflict, "ann", "cancelled in Antom Dashboard", at)
		ok(t, resolved, err, true, "resolved")
		ids, err = d.PaymentIDConflictOrders(ctx)
		check(t, err)
		eq(t, ids, []int64{closed.ID}, "orders with a paymentId conflict, one resolved")
	})
}

// ResolveAlarm writes once per attempt and alarm: a second staff's is
// refused and the first one's stands, as AlarmResolutionsOfOrder (and
// its Read) return it.
func TestResolveAlarm(t *testing.T) {
	dbtest.ForEachBackend(t, func(t *testing.T, d *db.DB) {
		o := newOrder(t, d, "AR-1", 0, "USD", 100)
		a := newAttempt(t, d, o, "PR-AR-1")
		other := newOrder(t, d, "AR-2", 0, "USD", 100)
		b := newAttempt(t, d, other, "PR-AR-2")
		resolved, err := d.ResolveAlarm(ctx, a.ID, db.AlarmPaymentIDConflict, "ann", "refunded in Antom Dashboard", t0)
		ok(t, resolved, err, true, "ann resolves")
		resolved, err = d.ResolveAlarm(ctx, a.ID, db.AlarmPaymentIDConflict, "bob", "mine", t0.Add(time.Second))
		ok(t, resolved, err, false, "bob resolves it too")
		resolved, err = d.ResolveAlarm(ctx, b.ID, db.AlarmAutoCaptureFailed, "bob", "voided", t0)
		ok(t, resolved, err, true, "another order's")
		got, err := d.AlarmResolutionsOfOrder(ctx, o.ID)
		check(t, err)
		eq(t, got, []db.AlarmResolution{{AttemptID: a.ID, Alarm: db.AlarmPaymentIDConflict, ResolvedAt: t0, By: "ann", Note: "refunded in Antom Dashboard"}}, "resolutions")
		var read []db.AlarmResolution
		check(t, d.ReadLast(ctx, db.ReadAlarmResolutionsOfOrder(other.ID, &read)))
		eq(t, read, []db.AlarmResolution{{AttemptID: b.ID, Alarm: db.AlarmAutoCaptureFailed, ResolvedAt: t0, By: "bob", Note: "voided"}}, "resolutions read")
	})
}

// FailedAutomaticCaptureOrders lists the orders with an automatic capture
// of a payment Antom settled FAIL, until staff resolve that alarm.
func TestFailedAutomaticCaptureOrders(t *testing.T) {
	dbtest.ForEachBackend(t, func(t *testing.T, d *db.DB) {
		at := t0.Add(time.Second)
		ids, err := d.FailedAutomaticCaptureOrders(ctx)
		check(t, err)
		eq(t, len(ids), 0, "failed automatic captures, before any")
		a := automaticCardAttempt(t, d, "FAO-1", db.MethodCard, db.CaptureAutomatic)
		o := db.Order{ID: a.OrderID}
		fresh, err := d.InsertAutomaticCapture(ctx, db.AutomaticCapture{CaptureID: "CAP-FAO-1", AttemptID: a.ID, Currency: "USD", Amount: 100, CreatedAt: t0})
		ok(t, fresh, err, true, "automatic capture recorded")
		ids, err = d.FailedAutomaticCaptureOrders(ctx)
		check(t, err)
		eq(t, len(ids), 0, "failed automatic captures, the payment still open")
		changed, err := d.SettleAttempt(ctx, a.ID, db.AttemptProcessing, "", db.Settlement{Status: db.AttemptFail, Code: "PROCESS_FAIL", Source: db.SourceAntom}, at)
		ok(t, changed, err, true, "failed at Antom")
		ids, err = d.FailedAutomaticCaptureOrders(ctx)
		check(t, err)
		eq(t, ids, []int64{o.ID}, "failed automatic captures")
		resolved, err := d.ResolveAlarm(ctx, a.ID, db.AlarmAutoCaptureFailed, "ann", "refunded in Antom Dashboard", at)
		ok(t, resolved, err, true, "resolved")
		ids, err = d.FailedAutomaticCaptureOrders(ctx)
		check(t, err)
		eq(t, len(ids), 0, "failed automatic captures, resolved")
	})
}

// HoldStoredCancel holds a cancel the app stored of its own (PROCESSING,
// not the buyer's: abandoned_at) of a payment Antom has not settled,
// once: the pages' reads then tell it (Attempt.CancelHeld: LatestAttempt,
// AttemptsOfOrder, OrderAndLatestAttemptByRef) and the reconciler's
// backlog of cancels leaves it out. No cancel, the buyer's cancel, or a
// payment Antom settled: nothing held. Antom's settlement ends a held
// cancel as any other (SettleAttempt drops it): no longer held.
// CancelHeldNow says the same of each.
func TestHoldStoredCancel(t *testing.T) {
	dbtest.ForEachBackend(t, func(t *testing.T, d *db.DB) {
		at := t0.Add(time.Second)
		attempt := func(ref string, cancel, abandoned bool) (db.Order, db.Attempt) {
			t.Helper()
			o := newOrder(t, d, ref, 0, "USD", 100)
			a := newAttempt(t, d, o, "PR-"+ref)
			check(t, d.SetAttemptPaymentID(ctx, a.ID, "PAYA-"+ref, at))
			if abandoned {
				marked, err := d.MarkAbandoned(ctx, a.ID, at)
				ok(t, marked, err, true, ref+": abandoned")
			}
			if cancel {
				stored, err := d.RequestCancel(ctx, a.ID, "", at)
				ok(t, stored, err, true, ref+": cancel stored")
			}
			return o, a
		}
		cancels := func() int {
			t.Helper()
			items, err := d.ReconcilerBacklog(ctx)
			check(t, err)
			for _, b := range items {
				if b.Kind == db.BacklogCancels {
					return b.Count
				}
			}
			t.Fatal("no cancels in the backlog")
			return 0
		}

		o, a := attempt("HC-1", true, false)
		eq(t, cancels(), 1, "cancels to send, before the hold")
		held, err := d.HoldStoredCancel(ctx, a.ID, at)
		ok(t, held, err, true, "the app's stored cancel held")
		held, err = d.HoldStoredCancel(ctx, a.ID, at)
		ok(t, held, err, false, "held again")
		latest, err := d.LatestAttempt(ctx, o.ID)
		check(t, err)
		eq(t, latest.CancelHeld(), true, "held, as LatestAttempt reads it")
		eq(t, latest.ConflictHeldAt, at, "held at")
		all, err := d.AttemptsOfOrder(ctx, o.ID)
		check(t, err)
		eq(t, all[0].CancelHeld(), true, "held, as AttemptsOfOrder reads it")
		_, page, _, err := d.OrderAndLatestAttemptByRef(ctx, o.Ref)
		check(t, err)
		eq(t, page.CancelHeld(), true, "held, as OrderAndLatestAttemptByRef reads it")
		eq(t, cancels(), 0, "cancels to send, held")
		now, err := d.CancelHeldNow(ctx, a.ID)
		ok(t, now, err, true, "CancelHeldNow, held")

		_, none := attempt("HC-2", false, false)
		held, err = d.HoldStoredCancel(ctx, none.ID, at)
		ok(t, held, err, false, "no cancel stored")
		_, buyers := attempt("HC-3", true, true)
		held, err = d.HoldStoredCancel(ctx, buyers.ID, at)
		ok(t, held, err, false, "the buyer's cancel")
		_, paid := attempt("HC-4", true, false)
		changed, err := d.SettleAttempt(ctx, paid.ID, db.AttemptProcessing, "", db.Settlement{Status: db.AttemptSuccess, Code: "SUCCESS", Source: db.SourceAntom, PaidAt: at}, at)
		ok(t, changed, err, true, "settled by Antom")
		held, err = d.HoldStoredCancel(ctx, paid.ID, at)
		ok(t, held, err, false, "a payment Antom settled")
		eq(t, cancels(), 2, "cancels not confirmed: the buyer's, and the one in doubt (asked until known), not the held one")
		for _, x := range []db.Attempt{none, buyers, paid} {
			now, err := d.CancelHeldNow(ctx, x.ID)
			ok(t, now, err, false, "CancelHeldNow of "+x.PaymentRequestID)
		}

		changed, err = d.SettleAttempt(ctx, a.ID, db.AttemptProcessing, "", db.Settlement{Status: db.AttemptCancelled, Code: "ORDER_IS_CANCELED", Source: db.SourceAntom}, at)
		ok(t, changed, err, true, "the held one settled by Antom")
		latest, err = d.LatestAttempt(ctx, o.ID)
		check(t, err)
		eq(t, latest.CancelStatus, "", "its stored cancel, dropped")
		eq(t, latest.CancelHeld(), false, "held once settled")
		now, err = d.CancelHeldNow(ctx, a.ID)
		ok(t, now, err, false, "CancelHeldNow, once settled")
	})
}
