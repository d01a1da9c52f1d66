package db_test

import (
	"testing"
	"time"

	"antom-checkout/db"
	"antom-checkout/db/dbtest"
)

// OrderAndLatestAttemptByRef answers, in one query, what OrderByRef and
// LatestAttempt answer in two: an order without attempts (a zero
// attempt), with a processing one, with the one that paid it and a newer
// failed one, and with a surplus one (never the buyer's); ErrNotFound for
// an unknown ref. CheckoutOrderByRef reads the same, narrower, with how
// many attempts the order has.
func TestOrderAndLatestAttemptByRef(t *testing.T) {
	dbtest.ForEachBackend(t, func(t *testing.T, d *db.DB) {
		same := func(ref, what string, attempts int) {
			t.Helper()
			o, a, watched, err := d.OrderAndLatestAttemptByRef(ctx, ref)
			check(t, err)
			wantO, err := d.OrderByRef(ctx, ref)
			check(t, err)
			wantA, err := d.LatestAttempt(ctx, wantO.ID)
			if err == db.ErrNotFound {
				wantA, err = db.Attempt{}, nil
			}
			check(t, err)
			eq(t, o, wantO, what+": order")
			eq(t, a, wantA, what+": attempt")
			eq(t, watched, false, what+": no attempt we closed is watched") // TestClosedWatched has them
			// The checkout page's narrow query reads the same order and
			// attempt, only fewer of their columns.
			co, ca, err := d.CheckoutOrderByRef(ctx, ref)
			check(t, err)
			wantO.PaidAt, wantO.CreatedAt, wantO.UpdatedAt = time.Time{}, time.Time{}, time.Time{}
			eq(t, co, wantO, what+": checkout order")
			eq(t, ca, db.CheckoutAttempt{ID: wantA.ID, Method: wantA.Method, WalletID: wantA.WalletID, Status: wantA.Status,
				ResultCode: wantA.ResultCode, RedirectURL: wantA.RedirectURL, CancelStatus: wantA.CancelStatus, PaidAt: wantA.PaidAt,
				FinalSource: wantA.FinalSource, CreatedAt: wantA.CreatedAt, Attempts: attempts}, what+": checkout attempt")
		}
		o := newOrder(t, d, "ORD-LATEST-1", 0, "USD", 725)
		same(o.Ref, "no attempt", 0)
		first := newAttempt(t, d, o, "PR-LATEST-1")
		same(o.Ref, "a processing attempt", 1)
		paidAt := t0.Add(time.Minute)
		changed, err := d.SettleAttempt(ctx, first.ID, db.AttemptProcessing, "", db.Settlement{Status: db.AttemptSuccess,
			Code: "SUCCESS", PaymentID: "PAY-LATEST-1", PaidAt: paidAt, Source: db.SourceAntom}, paidAt)
		ok(t, changed, err, true, "settle the first")
		second := newAttempt(t, d, o, "PR-LATEST-2")
		changed, err = d.SettleAttempt(ctx, second.ID, db.AttemptProcessing, "", db.Settlement{Status: db.AttemptFail,
			Code: "USER_BALANCE_NOT_ENOUGH", Source: db.SourceAntom}, paidAt)
		ok(t, changed, err, true, "settle the second")
		same(o.Ref, "paid, then a newer failed attempt", 2)
		_, a, _, err := d.OrderAndLatestAttemptByRef(ctx, o.Ref)
		check(t, err)
		eq(t, a.ID, first.ID, "the attempt that paid speaks for the order")

		surplus := newOrder(t, d, "ORD-LATEST-2", 0, "USD", 725)
		only := newAttempt(t, d, surplus, "PR-LATEST-3")
		changed, err = d.SettleAttempt(ctx, only.ID, db.AttemptProcessing, "", db.Settlement{Status: db.AttemptSuccess,
			Code: "SUCCESS", PaymentID: "PAY-LATEST-3", PaidAt: paidAt, Source: db.SourceAntom}, paidAt)
		ok(t, changed, err, true, "settle the surplus one")
		changed, err = d.MarkSurplus(ctx, only.ID, paidAt)
		ok(t, changed, err, true, "mark surplus")
		same(surplus.Ref, "only a surplus (successful) attempt", 1)
		_, a, _, err = d.OrderAndLatestAttemptByRef(ctx, surplus.Ref)
		check(t, err)
		eq(t, a.ID, int64(0), "a surplus attempt never speaks for the order")

		_, _, _, err = d.OrderAndLatestAttemptByRef(ctx, "ORD-NONE")
		is(t, err, db.ErrNotFound, "unknown ref")
		_, _, err = d.CheckoutOrderByRef(ctx, "ORD-NONE")
		is(t, err, db.ErrNotFound, "unknown ref, checkout")
	})
}
