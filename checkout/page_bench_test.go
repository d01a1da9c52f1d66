package checkout

import (
	"context"
	"fmt"
	"testing"
	"time"

	"golang.org/x/crypto/bcrypt"

	"antom-checkout/db"
	"antom-checkout/db/dbtest"
)

// BenchmarkOrderPages reads staff's order page (AdminOrderDetail) and the
// buyer's result page (OrderResult) of a guest's paid order with a
// refund processing and a timeline, as their handlers and live polls do,
// on TEST_DB's backend: what one read costs, one snapshot's BEGIN and
// COMMIT included (on PostgreSQL, a round trip each).
func BenchmarkOrderPages(b *testing.B) {
	ctx := context.Background()
	d := dbtest.Open(b)
	sealer, err := NewSealer([]byte("0123456789abcdef0123456789abcdef"))
	if err != nil {
		b.Fatal(err)
	}
	s := NewService(Deps{DB: d, Sealer: sealer, Options: Options{PasswordCost: bcrypt.MinCost}})
	guest := Viewer{GuestKey: "bench-browser"}
	o, err := s.CreateOrder(ctx, guest, "coffee", "2")
	if err != nil {
		b.Fatal(err)
	}
	row, err := d.OrderByRef(ctx, o.Ref)
	if err != nil {
		b.Fatal(err)
	}
	now := time.Now()
	id, err := d.InsertAttempt(ctx, db.Attempt{OrderID: row.ID, PaymentRequestID: "PR-BENCH", Method: db.MethodWallet,
		Currency: row.Currency, Amount: row.Amount, Status: db.AttemptProcessing, ExpiresAt: now.Add(time.Hour),
		NextCheckAt: now.Add(time.Hour), CreatedAt: now})
	if err != nil {
		b.Fatal(err)
	}
	set := db.Settlement{Status: db.AttemptSuccess, Code: "SUCCESS", PaymentID: "PAY-BENCH", PaidAt: now, Source: db.SourceAntom}
	if ok, err := d.SettleAttempt(ctx, id, db.AttemptProcessing, "", set, now); err != nil || !ok {
		b.Fatalf("settle: %v %v", ok, err)
	}
	if ok, err := d.SetOrderStatus(ctx, row.ID, db.OrderOpen, db.OrderPaid, now); err != nil || !ok {
		b.Fatalf("paid: %v %v", ok, err)
	}
	if _, err := d.InsertRefund(ctx, db.Refund{OrderID: row.ID, AttemptID: id, RefundRequestID: "RF-BENCH", Currency: row.Currency,
		Amount: 100, Reason: "bench", Status: db.RefundProcessing, NextCheckAt: now.Add(time.Hour), CreatedBy: "staff@shop.example",
		CreatedAt: now, UpdatedAt: now}); err != nil {
		b.Fatal(err)
	}
	for i := range 8 {
		if err := d.InsertEvent(ctx, db.Event{At: now, Subject: OrderSubject(o.Ref), Kind: EventState, Detail: fmt.Sprint("line ", i)}); err != nil {
			b.Fatal(err)
		}
	}
	b.Run("staff", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			if _, err := s.AdminOrderDetail(ctx, o.Ref); err != nil {
				b.Fatal(err)
			}
		}
	})
	b.Run("result", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			if r, err := s.OrderResult(ctx, guest, o.Ref); err != nil || r.State != ResultPaid {
				b.Fatalf("%s %v", r.State, err)
			}
		}
	})
}
