package db_test

import (
	"fmt"
	"slices"
	"testing"
	"time"

	"antom-checkout/db"
	"antom-checkout/db/dbtest"
)

// The result page's (read in a snapshot, as that page reads it), the
// checkout page's and My orders' one statement each say whether an order has an attempt we closed ourselves (FAIL or
// CANCELLED, ours) that is still watched for a late outcome — this one
// or an earlier one — as Attempt.ClosedWatched says of its attempts: not
// an open attempt, nor one Antom settled, nor one whose watch ended.
func TestClosedWatched(t *testing.T) {
	dbtest.ForEachBackend(t, func(t *testing.T, d *db.DB) {
		buyer := newBuyer(t, d, "ann@example.com")
		said := func(o db.Order, want bool, what string) {
			t.Helper()
			_, _, result, err := d.OrderAndLatestAttemptByRef(ctx, o.Ref)
			check(t, err)
			var snapshot bool // as the result page reads it (through pgx on PostgreSQL)
			check(t, d.Snapshot(ctx, func(q *db.Queries) error {
				var err error
				_, _, snapshot, err = q.OrderAndLatestAttemptByRef(ctx, o.Ref)
				return err
			}))
			_, ca, err := d.CheckoutOrderByRef(ctx, o.Ref)
			check(t, err)
			states, err := d.OwnedOrderStates(ctx, buyer, "", 50)
			check(t, err)
			i := slices.IndexFunc(states, func(s db.OwnedOrderState) bool { return s.ID == o.ID })
			if i < 0 {
				t.Fatalf("%s: %s is not among My orders", what, o.Ref)
			}
			as, err := d.AttemptsOfOrder(ctx, o.ID)
			check(t, err)
			twin := slices.ContainsFunc(as, db.Attempt.ClosedWatched)
			eq(t, fmt.Sprint(result, snapshot, ca.ClosedWatched, states[i].ClosedWatched, twin), fmt.Sprint(want, want, want, want, want),
				what+": result page (outside and in a snapshot), checkout page, My orders, Attempt.ClosedWatched")
		}
		settle := func(a db.Attempt, fromStatus, fromSource, status, source string, next time.Time) {
			t.Helper()
			changed, err := d.SettleAttempt(ctx, a.ID, fromStatus, fromSource, db.Settlement{Status: status, Code: "ORDER_NOT_EXIST",
				Source: source, NextCheckAt: next}, t0)
			ok(t, changed, err, true, fmt.Sprintf("settle %s %s (%s)", a.PaymentRequestID, status, source))
		}
		watch := t0.Add(time.Minute)

		o := newOrder(t, d, "ORD-WATCH-1", buyer, "USD", 1000)
		said(o, false, "no attempt")
		first := newAttempt(t, d, o, "PR-WATCH-1")
		said(o, false, "an open attempt, its check due")
		settle(first, db.AttemptProcessing, "", db.AttemptFail, db.SourceOurs, watch)
		said(o, true, "failed by us, watched")
		second := newAttempt(t, d, o, "PR-WATCH-2")
		settle(second, db.AttemptProcessing, "", db.AttemptFail, db.SourceAntom, time.Time{})
		said(o, true, "an earlier attempt failed by us, still watched, under a newer one Antom failed")
		check(t, d.ScheduleCheck(ctx, first.ID, watch.Add(time.Hour), t0))
		said(o, true, "asked again later")
		changed, err := d.EndWatch(ctx, first.ID, t0.Add(25*time.Hour))
		ok(t, changed, err, true, "end watch")
		said(o, false, "its watch ended")

		o = newOrder(t, d, "ORD-WATCH-2", buyer, "USD", 1000)
		a := newAttempt(t, d, o, "PR-WATCH-3")
		settle(a, db.AttemptProcessing, "", db.AttemptFail, db.SourceOurs, watch)
		said(o, true, "failed by us, watched")
		settle(a, db.AttemptFail, db.SourceOurs, db.AttemptFail, db.SourceAntom, time.Time{})
		said(o, false, "Antom confirms the failure")

		o = newOrder(t, d, "ORD-WATCH-3", buyer, "USD", 1000)
		a = newAttempt(t, d, o, "PR-WATCH-4")
		settle(a, db.AttemptProcessing, "", db.AttemptCancelled, db.SourceOurs, watch)
		said(o, true, "cancelled by us, watched")
		changed, err = d.RequestCancel(ctx, a.ID, "closed", t0)
		ok(t, changed, err, true, "cancel it at Antom")
		said(o, true, "cancelled by us, our cancel under way at Antom")
		changed, err = d.SetCancelStatus(ctx, a.ID, db.CancelFail, time.Time{}, t0)
		ok(t, changed, err, true, "cancel answered, nothing more to ask")
		said(o, false, "closed by us, no longer asked about")

		o = newOrder(t, d, "ORD-WATCH-4", buyer, "USD", 1000)
		a = newAttempt(t, d, o, "PR-WATCH-5")
		settle(a, db.AttemptProcessing, "", db.AttemptFail, db.SourceOurs, time.Time{})
		said(o, false, "failed by us, never watched")
		settle(a, db.AttemptFail, db.SourceOurs, db.AttemptSuccess, db.SourceAntom, time.Time{})
		said(o, false, "paid late")

		// A new card's attempt whose hosted page never reached the buyer
		// can pay nothing, watched or not; once its page is known, it can.
		o = newOrder(t, d, "ORD-WATCH-5", buyer, "USD", 1000)
		id, err := d.InsertAttempt(ctx, db.Attempt{OrderID: o.ID, PaymentRequestID: "PR-WATCH-6", Method: db.MethodCard,
			Currency: "USD", Amount: 1000, Status: db.AttemptProcessing, ExpiresAt: t0.Add(time.Minute), NextCheckAt: t0, CreatedAt: t0})
		check(t, err)
		card := db.Attempt{ID: id}
		settle(card, db.AttemptProcessing, "", db.AttemptFail, db.SourceOurs, watch)
		said(o, false, "a card page never shown, failed by us, watched")
		check(t, d.SetAttemptRedirect(ctx, id, "https://open-sea.alipay.com/cashier?x=1", t0))
		said(o, true, "a card page shown, failed by us, watched")
	})
}
