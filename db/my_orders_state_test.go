package db_test

import (
	"errors"
	"fmt"
	"testing"
	"time"

	"antom-checkout/db"
	"antom-checkout/db/dbtest"
)

// OwnedOrderStates reads, for every order of a buyer's list at once, what
// the per-order reads say of it: the same orders as OwnedOrders, each
// with the attempt LatestAttempt returns, the captures checkout's
// paidAmount adds up (OrderCaptures), RefundTotals' refunded and
// HandledRefundTotal, and its refunds still processing told apart as the
// result page tells OrderRefunds apart (Refund.Unconfirmed: on their way,
// or being confirmed) — for orders in every state a buyer's list shows.
func TestOwnedOrderStatesAgreeWithPerOrderReads(t *testing.T) {
	dbtest.ForEachBackend(t, func(t *testing.T, d *db.DB) {
		ann, bob := newBuyer(t, d, "ann@example.com"), newBuyer(t, d, "bob@example.com")
		seq := 0
		order := func(buyer int64) db.Order {
			t.Helper()
			seq++
			return newOrder(t, d, fmt.Sprintf("ORD-S%02d", seq), buyer, "USD", 10_000)
		}
		attempt := func(o db.Order, mode string) db.Attempt {
			t.Helper()
			a := db.Attempt{OrderID: o.ID, PaymentRequestID: fmt.Sprintf("PR-%s-%d", o.Ref, seq), Method: db.MethodWallet,
				Currency: o.Currency, Amount: o.Amount, Status: db.AttemptProcessing, ExpiresAt: t0.Add(time.Minute),
				NextCheckAt: t0.Add(time.Hour), CreatedAt: t0}
			if mode != "" {
				a.Method, a.CaptureMode = db.MethodCard, mode
			}
			seq++
			id, err := d.InsertAttempt(ctx, a)
			check(t, err)
			a.ID = id
			return a
		}
		settleAs := func(a db.Attempt, status string) {
			t.Helper()
			var paid time.Time
			if status == db.AttemptSuccess {
				paid = t0
			}
			changed, err := d.SettleAttempt(ctx, a.ID, db.AttemptProcessing, "", db.Settlement{Status: status,
				Code: status, PaymentID: "PAY-" + a.PaymentRequestID, PaidAt: paid, Source: db.SourceAntom}, t0)
			ok(t, changed, err, true, "settle "+a.PaymentRequestID)
		}
		paid := func(buyer int64) db.Attempt {
			t.Helper()
			a := attempt(order(buyer), "")
			settleAs(a, db.AttemptSuccess)
			return a
		}
		handled := func(a db.Attempt, amount int64) {
			t.Helper()
			id := newRefund(t, d, a, fmt.Sprintf("RF-H-%d-%d", a.ID, amount), amount, db.RefundFail)
			changed, err := d.MarkRefundHandled(ctx, id, "staff", "cash", t0)
			ok(t, changed, err, true, "mark handled")
		}
		capture := func(a db.Attempt, amount int64, status string) {
			t.Helper()
			id, err := d.InsertCapture(ctx, db.Capture{OrderID: a.OrderID, AttemptID: a.ID, CaptureRequestID: fmt.Sprintf("CP-%d-%d-%s", a.ID, amount, status),
				Currency: "USD", Amount: amount, Status: db.CaptureProcessing, CreatedBy: "staff", CreatedAt: t0})
			check(t, err)
			if status != db.CaptureProcessing {
				changed, err := d.SettleCapture(ctx, id, status, status, "", "", t0)
				ok(t, changed, err, true, "settle capture")
			}
		}

		order(ann)              // nobody tried to pay
		attempt(order(ann), "") // processing
		settleAs(attempt(order(ann), ""), db.AttemptFail)
		paid(ann)      // paid
		a := paid(ann) // partly refunded, a refund processing, one failed
		newRefund(t, d, a, "RF-P1", 1_000, db.RefundSuccess)
		newRefund(t, d, a, "RF-P2", 2_000, db.RefundProcessing)
		newRefund(t, d, a, "RF-P3", 500, db.RefundFail)
		a = paid(ann) // refunds on their way (Antom gave them a refundId) and one being confirmed
		check(t, d.SetRefundID(ctx, newRefund(t, d, a, "RF-W1", 1_500, db.RefundProcessing), "REFUND-W1", t0))
		check(t, d.SetRefundID(ctx, newRefund(t, d, a, "RF-W2", 2_500, db.RefundProcessing), "REFUND-W2", t0))
		newRefund(t, d, a, "RF-W3", 600, db.RefundProcessing)
		a = paid(ann) // two failed refunds owed
		newRefund(t, d, a, "RF-O1", 700, db.RefundFail)
		newRefund(t, d, a, "RF-O2", 300, db.RefundFail)
		a = paid(ann) // refunded
		newRefund(t, d, a, "RF-F1", 10_000, db.RefundSuccess)
		handled(paid(ann), 3_000)  // partly settled another way
		handled(paid(ann), 10_000) // settled another way
		a = paid(ann)              // refunded in part, and settled another way in part
		newRefund(t, d, a, "RF-B1", 500, db.RefundSuccess)
		handled(a, 1_000)
		o := order(ann) // failed, then paid by another attempt: the paying one speaks
		settleAs(attempt(o, ""), db.AttemptFail)
		a = attempt(o, "")
		settleAs(a, db.AttemptSuccess)
		settleAs(attempt(o, ""), db.AttemptFail) // a later failure does not speak over it
		o = order(ann)                           // a surplus attempt never speaks
		a = attempt(o, "")
		settleAs(a, db.AttemptFail)
		surplus := attempt(o, "")
		settleAs(surplus, db.AttemptSuccess)
		changed, err := d.MarkSurplus(ctx, surplus.ID, t0)
		ok(t, changed, err, true, "mark surplus")
		a = attempt(order(ann), "MANUAL") // authorized, captured in part, then refunded in part
		settleAs(a, db.AttemptSuccess)
		capture(a, 4_000, db.CaptureSuccess)
		capture(a, 1_000, db.CaptureFail)
		capture(a, 500, db.CaptureProcessing)
		newRefund(t, d, a, "RF-M1", 1_000, db.RefundSuccess)
		settleAs(attempt(order(ann), "MANUAL"), db.AttemptSuccess) // authorized, nothing captured
		a = attempt(order(ann), "AUTOMATIC")                       // a card paid at once
		settleAs(a, db.AttemptSuccess)
		paid(bob) // someone else's
		seq++
		g := newGuestOrder(t, d, fmt.Sprintf("ORD-S%02d", seq), "K1", "USD", 10_000) // a guest order this browser made
		settleAs(attempt(g, ""), db.AttemptSuccess)
		// And one another browser made.
		seq++
		settleAs(attempt(newGuestOrder(t, d, fmt.Sprintf("ORD-S%02d", seq), "K2", "USD", 10_000), ""), db.AttemptSuccess)
		// And one from before guest keys.
		paid(0)

		for _, c := range []struct {
			buyer int64
			guest string
			limit int
		}{{ann, "", 50}, {ann, "K1", 50}, {ann, "", 5}, {0, "K1", 50}, {bob, "", 50}} {
			what := fmt.Sprintf("buyer %d, guest key %q, limit %d", c.buyer, c.guest, c.limit)
			lines, err := d.OwnedOrders(ctx, c.buyer, c.guest, c.limit)
			check(t, err)
			states, err := d.OwnedOrderStates(ctx, c.buyer, c.guest, c.limit)
			check(t, err)
			if len(states) != len(lines) {
				t.Fatalf("%s: %d states, %d orders", what, len(states), len(lines))
			}
			for i, s := range states {
				eq(t, s.OrderLine, lines[i], what+": order")
				want, err := d.LatestAttempt(ctx, s.ID)
				if errors.Is(err, db.ErrNotFound) {
					want = db.Attempt{}
				} else {
					check(t, err)
				}
				eq(t, s.Attempt, want, s.Ref+": its attempt")
				var captured int64
				if want.CaptureMode == "MANUAL" {
					cs, err := d.OrderCaptures(ctx, s.ID)
					check(t, err)
					for _, c := range cs {
						if c.AttemptID == want.ID && c.Status == db.CaptureSuccess {
							captured += c.Amount
						}
					}
				}
				refunded, _, err := d.RefundTotals(ctx, want.ID)
				check(t, err)
				h, err := d.HandledRefundTotal(ctx, want.ID)
				check(t, err)
				eq(t, [3]int64{s.Captured, s.Refunded, s.Handled}, [3]int64{captured, refunded, h}, s.Ref+": captured, refunded, handled")
				rs, err := d.OrderRefunds(ctx, s.ID)
				check(t, err)
				var under [2]int64 // on their way, being confirmed
				for _, r := range rs {
					switch {
					case r.AttemptID != want.ID || r.Status != db.RefundProcessing:
					case r.Unconfirmed():
						under[1] += r.Amount
					default:
						under[0] += r.Amount
					}
				}
				eq(t, [2]int64{s.Refunding, s.Confirming}, under, s.Ref+": refunds on their way, and being confirmed")
				n, err := d.CountOrderAttempts(ctx, s.ID)
				check(t, err)
				eq(t, s.Attempts, n, s.Ref+": its attempts")
				owed, failures, err := d.FailedRefunds(ctx, want.ID)
				check(t, err)
				eq(t, [2]int64{s.RefundOwed, int64(s.RefundFailures)}, [2]int64{owed, int64(failures)}, s.Ref+": what failed refunds owe, and how many")
			}
		}
		// The figures are not all zero: the comparison above tells them apart.
		states, err := d.OwnedOrderStates(ctx, ann, "", 50)
		check(t, err)
		var sums [3]int64
		for _, s := range states {
			sums[0], sums[1], sums[2] = sums[0]+s.Captured, sums[1]+s.Refunded, sums[2]+s.Handled
		}
		eq(t, sums, [3]int64{4_000, 1_000 + 10_000 + 500 + 1_000, 3_000 + 10_000 + 1_000}, "captured, refunded, handled in all")
		var under [2]int64
		for _, s := range states {
			under[0], under[1] = under[0]+s.Refunding, under[1]+s.Confirming
		}
		eq(t, under, [2]int64{1_500 + 2_500, 2_000 + 600}, "refunds on their way, and being confirmed, in all")
		var owed, failures int64
		for _, s := range states {
			owed, failures = owed+s.RefundOwed, failures+int64(s.RefundFailures)
		}
		eq(t, [2]int64{owed, failures}, [2]int64{500 + 700 + 300, 3}, "what failed refunds owe in all, and how many")
		attempts := map[int]int{}
		for _, s := range states {
			attempts[s.Attempts]++
		}
		eq(t, fmt.Sprint(attempts[0] > 0, attempts[1] > 0, attempts[3] > 0), "true true true", "orders of 0, 1 and 3 attempts told apart")
		none, err := d.OwnedOrderStates(ctx, 0, "", 50)
		check(t, err)
		eq(t, len(none), 0, "nobody")
	})
}
