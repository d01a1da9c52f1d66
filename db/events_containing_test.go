package db_test

import (
	"testing"
	"time"

	"antom-checkout/db"
	"antom-checkout/db/dbtest"
)

// EventsContaining counts a subject's lines containing any of the parts
// as written — LIKE's wildcards in a part match only themselves — and
// reads the lines a transaction kept before its commit.
func TestEventsContaining(t *testing.T) {
	dbtest.ForEachBackend(t, func(t *testing.T, d *db.DB) {
		for _, detail := range []string{"PR-1: naming paymentId B, not A, the one on record", "100% sure_ly", "other"} {
			check(t, d.InsertEvent(ctx, db.Event{At: t0, Subject: "order:EC-1", Kind: "state", Detail: detail}))
		}
		check(t, d.InsertEvent(ctx, db.Event{At: t0, Subject: "order:EC-2", Kind: "state", Detail: "PR-1: naming paymentId B, not A, the one on record"}))
		for _, tc := range []struct {
			parts []string
			want  int
		}{
			{[]string{", not A, the one on record"}, 1},
			{[]string{", not A, the one on record", "other"}, 2},
			{[]string{"100% sure_ly"}, 1},
			{[]string{"100%"}, 1},
			{[]string{"0_ sure"}, 0}, // _ is no wildcard
			{[]string{"% s"}, 1},
			{[]string{"1%s"}, 0}, // % is no wildcard
			{nil, 0},
		} {
			n, err := d.EventsContaining(ctx, "order:EC-1", tc.parts...)
			check(t, err)
			eq(t, n, tc.want, "lines containing any of "+joinParts(tc.parts))
		}
		check(t, d.Tx(ctx, func(q *db.Queries) error {
			if err := q.InsertEvent(ctx, db.Event{At: t0, Subject: "order:EC-3", Kind: "state", Detail: "kept till commit"}); err != nil {
				return err
			}
			n, err := q.EventsContaining(ctx, "order:EC-3", "kept")
			eq(t, n, 1, "a line kept in the transaction")
			return err
		}))
	})
}

func joinParts(parts []string) string {
	s := ""
	for _, p := range parts {
		s += "[" + p + "]"
	}
	return s
}

// PaymentIDConflictOrders lists the orders with a payment Antom has not
// settled (processing, or closed by us) whose paymentId on record a line
// of the order's timeline names against another; not one Antom settled,
// nor one whose line names another payment's paymentId.
// FailedAutomaticCaptureOrders lists the orders with an automatic capture
// of a payment Antom settled FAIL.
func TestPaymentIDConflictOrdersAndFailedAutomaticCaptureOrders(t *testing.T) {
	dbtest.ForEachBackend(t, func(t *testing.T, d *db.DB) {
		lines := []db.Around{{Before: ", not ", After: ", the one on record"}, {Before: " differs from the one on record (", After: ")"}}
		at := t0.Add(time.Second)
		withConflict := func(ref, paymentID, line string) db.Order {
			t.Helper()
			o := newOrder(t, d, ref, 0, "USD", 100)
			a := newAttempt(t, d, o, "PR-"+ref)
			check(t, d.SetAttemptPaymentID(ctx, a.ID, paymentID, at))
			if line != "" {
				check(t, d.InsertEvent(ctx, db.Event{At: at, Subject: "order:" + ref, Kind: "state", Detail: line}))
			}
			return o
		}
		processing := withConflict("PC-1", "PAYA1", "PR-PC-1: inquiryPayment says SUCCESS, naming paymentId PAYB1, not PAYA1, the one on record: not applied")
		notified := withConflict("PC-2", "PAYA2", "PAYMENT_RESULT: quarantined (paymentId PAYB2 differs from the one on record (PAYA2): not applied)")
		withConflict("PC-3", "PAYA3", "PR-PC-3: naming paymentId PAYB3, not PAYX, the one on record") // another paymentId on record
		withConflict("PC-4", "PAYA4", "")
		settled := withConflict("PC-5", "PAYA5", "PR-PC-5: naming paymentId PAYB5, not PAYA5, the one on record")
		changed, err := d.SettleAttempt(ctx, lastAttempt(t, d, settled).ID, db.AttemptProcessing, "", db.Settlement{Status: db.AttemptSuccess, Code: "SUCCESS", Source: db.SourceAntom, PaidAt: at}, at)
		ok(t, changed, err, true, "settled by Antom")
		ids, err := d.PaymentIDConflictOrders(ctx, lines)
		check(t, err)
		eq(t, ids, []int64{processing.ID, notified.ID}, "orders with a paymentId conflict")

		ids, err = d.FailedAutomaticCaptureOrders(ctx)
		check(t, err)
		eq(t, len(ids), 0, "failed automatic captures, before any")
		o := newOrder(t, d, "FAO-1", 0, "USD", 100)
		a := newAttempt(t, d, o, "PR-FAO-1")
		fresh, err := d.InsertAutomaticCapture(ctx, db.AutomaticCapture{CaptureID: "CAP-FAO-1", AttemptID: a.ID, Currency: "USD", Amount: 100, CreatedAt: t0})
		ok(t, fresh, err, true, "automatic capture recorded")
		ids, err = d.FailedAutomaticCaptureOrders(ctx)
		check(t, err)
		eq(t, len(ids), 0, "failed automatic captures, the payment still open")
		changed, err = d.SettleAttempt(ctx, a.ID, db.AttemptProcessing, "", db.Settlement{Status: db.AttemptFail, Code: "PROCESS_FAIL", Source: db.SourceAntom}, at)
		ok(t, changed, err, true, "failed at Antom")
		ids, err = d.FailedAutomaticCaptureOrders(ctx)
		check(t, err)
		eq(t, ids, []int64{o.ID}, "failed automatic captures")
	})
}

// lastAttempt is order o's latest attempt.
func lastAttempt(t *testing.T, d *db.DB, o db.Order) db.Attempt {
	t.Helper()
	a, err := d.LatestAttempt(ctx, o.ID)
	check(t, err)
	return a
}
