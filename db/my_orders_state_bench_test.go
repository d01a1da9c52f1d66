package db_test

import (
	"errors"
	"fmt"
	"testing"
	"time"

	"antom-checkout/db"
	"antom-checkout/db/dbtest"
)

// BenchmarkMyOrdersReads reads what My orders shows of a buyer's 50
// paid orders (some refunded in part, some settled another way in part,
// some card authorizations captured by hand), on each backend, two ways:
// per-order is the reads My orders made before OwnedOrderStates (the
// baseline, run beside it): OwnedOrders, then for each order
// LatestAttempt, its captures if it was captured by hand (checkout's
// paidAmount), RefundTotals and HandledRefundTotal — 3 to 4 queries an
// order; batched is OwnedOrderStates, one query.
func BenchmarkMyOrdersReads(b *testing.B) {
	for _, backend := range []db.Backend{db.SQLite, db.PostgreSQL} {
		b.Run(string(backend), func(b *testing.B) {
			d := dbtest.OpenOn(b, backend)
			buyer := newBuyer(b, d, "bench@example.com")
			for i := range 50 {
				o := newOrder(b, d, fmt.Sprintf("ORD-B%02d", i), buyer, "USD", 10_000)
				a := db.Attempt{OrderID: o.ID, PaymentRequestID: "PR-" + o.Ref, Method: db.MethodWallet, Currency: "USD",
					Amount: o.Amount, Status: db.AttemptProcessing, ExpiresAt: t0.Add(time.Minute), NextCheckAt: t0.Add(time.Hour), CreatedAt: t0}
				if i%5 == 0 {
					a.Method, a.CaptureMode = db.MethodCard, "MANUAL"
				}
				id, err := d.InsertAttempt(ctx, a)
				check(b, err)
				a.ID = id
				changed, err := d.SettleAttempt(ctx, a.ID, db.AttemptProcessing, "", db.Settlement{Status: db.AttemptSuccess,
					Code: "SUCCESS", PaymentID: "PAY-" + o.Ref, PaidAt: t0, Source: db.SourceAntom}, t0)
				ok(b, changed, err, true, "settle")
				if i%5 == 0 {
					c, err := d.InsertCapture(ctx, db.Capture{OrderID: o.ID, AttemptID: a.ID, CaptureRequestID: "CP-" + o.Ref,
						Currency: "USD", Amount: 8_000, Status: db.CaptureProcessing, CreatedBy: "staff", CreatedAt: t0})
					check(b, err)
					changed, err := d.SettleCapture(ctx, c, db.CaptureSuccess, "SUCCESS", "", "", t0)
					ok(b, changed, err, true, "capture")
				}
				if i%3 == 1 {
					newRefund(b, d, a, "RF-S-"+o.Ref, 1_000, db.RefundSuccess)
				}
				if i%4 == 2 {
					id := newRefund(b, d, a, "RF-H-"+o.Ref, 500, db.RefundFail)
					changed, err := d.MarkRefundHandled(ctx, id, "staff", "cash", t0)
					ok(b, changed, err, true, "handled")
				}
			}
			b.Run("per-order", func(b *testing.B) {
				for b.Loop() {
					lines, err := d.OwnedOrders(ctx, buyer, "", 51)
					check(b, err)
					for _, l := range lines {
						a, err := d.LatestAttempt(ctx, l.ID)
						if errors.Is(err, db.ErrNotFound) {
							continue
						}
						check(b, err)
						if a.CaptureMode == "MANUAL" {
							_, err := d.OrderCaptures(ctx, l.ID)
							check(b, err)
						}
						_, _, err = d.RefundTotals(ctx, a.ID)
						check(b, err)
						_, err = d.HandledRefundTotal(ctx, a.ID)
						check(b, err)
					}
					if len(lines) != 50 {
						b.Fatalf("%d orders", len(lines))
					}
				}
			})
			b.Run("batched", func(b *testing.B) {
				for b.Loop() {
					states, err := d.OwnedOrderStates(ctx, buyer, "", 51)
					check(b, err)
					if len(states) != 50 {
						b.Fatalf("%d orders", len(states))
					}
				}
			})
		})
	}
}
