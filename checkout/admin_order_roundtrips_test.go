package checkout

import (
	"context"
	"fmt"
	"testing"
	"time"

	"antom-checkout/db"
	"antom-checkout/db/dbtest"
)

// staffPageRoundTrips is at most how many round trips to PostgreSQL
// staff's order page takes (AdminOrderDetail): the order with the
// snapshot's BEGIN, what needs only the order, and what needs its
// attempts with the COMMIT. It was 16 for the order below when its reads
// went one after another.
const staffPageRoundTrips = 3

// Staff's order page on PostgreSQL sends its independent reads together
// (db.Queries.Read): an order of a signed-up buyer paid with a linked
// wallet, with a refund processing and a timeline, is read in
// staffPageRoundTrips round trips, counted through a proxy — and shows
// what its reads found.
func TestStaffOrderPageRoundTrips(t *testing.T) {
	ctx := context.Background()
	d, p := dbtest.OpenCounted(t)
	s := NewService(Deps{DB: d})
	ref := paidWalletOrder(t, s, d)

	read := func() AdminOrder {
		t.Helper()
		o, err := s.AdminOrderDetail(ctx, ref)
		check(t, err)
		return o
	}
	read() // the product, and the connection's prepared statements
	for range 3 {
		before := p.RoundTrips()
		o := read()
		n := p.RoundTrips() - before
		t.Logf("staff's order page: %d round trips", n)
		if n > staffPageRoundTrips {
			t.Errorf("staff's order page took %d round trips to PostgreSQL, want at most %d", n, staffPageRoundTrips)
		}
		assertEqual(t, o.State, ResultPaid, "state")
		assertEqual(t, o.BuyerEmail, "rt.buyer@example.com", "buyer")
		assertEqual(t, len(o.Attempts), 1, "attempts")
		assertEqual(t, [2]string{o.Attempts[0].Instrument, o.Attempts[0].InstrumentAccount}, [2]string{"GCash", "rt-user"}, "the attempt's wallet")
		assertEqual(t, o.Refunding, Money{"USD", 100}, "refunding")
		assertEqual(t, o.Refundable, Money{"USD", o.Paid.Minor - 100}, "refundable")
		assertEqual(t, len(o.Refunds), 1, "refunds")
		assertEqual(t, len(o.Timeline), 9, "timeline lines (the order made, and 8)")
	}
}

// paidWalletOrder makes, directly in d, an order of a buyer paid with
// the buyer's GCash wallet, with a $1 refund processing and 8 timeline
// lines, and returns its ref.
func paidWalletOrder(t *testing.T, s *Service, d *db.DB) string {
	t.Helper()
	ctx, now := context.Background(), time.Now()
	buyer, err := d.InsertBuyer(ctx, "rt.buyer@example.com", []byte("not a hash"), now)
	check(t, err)
	wallet, err := d.InsertWallet(ctx, db.Wallet{BuyerID: buyer, Wallet: "GCASH", UserLoginID: "rt-user",
		AccessTokenSealed: []byte("sealed"), AccessTokenHash: "rt-hash", Status: db.WalletActive, LinkedAt: now})
	check(t, err)
	o, err := s.CreateOrder(ctx, Viewer{BuyerID: buyer}, "coffee", "2")
	check(t, err)
	row, err := d.OrderByRef(ctx, o.Ref)
	check(t, err)
	id, err := d.InsertAttempt(ctx, db.Attempt{OrderID: row.ID, PaymentRequestID: "PR-RT", Method: db.MethodWallet, WalletID: wallet,
		Currency: row.Currency, Amount: row.Amount, Status: db.AttemptProcessing, ExpiresAt: now.Add(time.Hour),
		NextCheckAt: now.Add(time.Hour), CreatedAt: now})
	check(t, err)
	set := db.Settlement{Status: db.AttemptSuccess, Code: "SUCCESS", PaymentID: "PAY-RT", PaidAt: now, Source: db.SourceAntom}
	if ok, err := d.SettleAttempt(ctx, id, db.AttemptProcessing, "", set, now); err != nil || !ok {
		t.Fatalf("settle: %v %v", ok, err)
	}
	if ok, err := d.SetOrderStatus(ctx, row.ID, db.OrderOpen, db.OrderPaid, now); err != nil || !ok {
		t.Fatalf("paid: %v %v", ok, err)
	}
	_, err = d.InsertRefund(ctx, db.Refund{OrderID: row.ID, AttemptID: id, RefundRequestID: "RF-RT", Currency: row.Currency,
		Amount: 100, Reason: "round trips", Status: db.RefundProcessing, NextCheckAt: now.Add(time.Hour),
		CreatedBy: "staff@shop.example", CreatedAt: now, UpdatedAt: now})
	check(t, err)
	for i := range 8 {
		check(t, d.InsertEvent(ctx, db.Event{At: now, Subject: OrderSubject(o.Ref), Kind: EventState, Detail: fmt.Sprint("line ", i)}))
	}
	return o.Ref
}
