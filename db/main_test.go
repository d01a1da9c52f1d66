package db_test

import (
	"context"
	"errors"
	"reflect"
	"testing"
	"time"

	"antom-checkout/db"
	"antom-checkout/db/dbtest"
)

// The db package's tests run each query on SQLite and on PostgreSQL
// (dbtest.ForEachBackend).
func TestMain(m *testing.M) { dbtest.Main(m) }

var ctx = context.Background()

// t0 has nanoseconds, so that a time that round-trips through a query
// shows it kept them.
var t0 = time.Date(2026, 11, 22, 10, 0, 0, 123456789, time.UTC)

func check(t testing.TB, err error) {
	t.Helper()
	if err != nil {
		t.Fatal(err)
	}
}

func eq[T any](t testing.TB, got, want T, what string) {
	t.Helper()
	if !reflect.DeepEqual(got, want) {
		t.Errorf("%s:\n got %+v\nwant %+v", what, got, want)
	}
}

// is checks that err is target (ErrNotFound, ErrDuplicate).
func is(t testing.TB, err, target error, what string) {
	t.Helper()
	if !errors.Is(err, target) {
		t.Errorf("%s: got error %v, want %v", what, err, target)
	}
}

// ok checks a compare-and-set's answer.
func ok(t testing.TB, changed bool, err error, want bool, what string) {
	t.Helper()
	check(t, err)
	if changed != want {
		t.Errorf("%s: changed = %v, want %v", what, changed, want)
	}
}

// newBuyer inserts a buyer with the given email.
func newBuyer(t testing.TB, d *db.DB, email string) int64 {
	t.Helper()
	id, err := d.InsertBuyer(ctx, email, []byte("hash"), t0)
	check(t, err)
	return id
}

// newOrder inserts an OPEN order of the first product, for buyer (0: a
// guest from before guest keys, with none).
func newOrder(t testing.TB, d *db.DB, ref string, buyer int64, currency string, amount int64) db.Order {
	t.Helper()
	return insertOrder(t, d, db.Order{Ref: ref, BuyerID: buyer, Currency: currency, Amount: amount})
}

// newGuestOrder inserts an open order a guest made with the browser's
// guest key.
func newGuestOrder(t testing.TB, d *db.DB, ref, key string, currency string, amount int64) db.Order {
	t.Helper()
	return insertOrder(t, d, db.Order{Ref: ref, GuestKey: key, Currency: currency, Amount: amount})
}

// insertOrder inserts o, an open order of one of product 1 made at t0.
func insertOrder(t testing.TB, d *db.DB, o db.Order) db.Order {
	t.Helper()
	o.ProductID, o.Quantity, o.Status, o.CreatedAt = 1, 1, db.OrderOpen, t0
	id, err := d.InsertOrder(ctx, o)
	check(t, err)
	o.ID, o.UpdatedAt = id, t0
	return o
}

// newAttempt inserts a PROCESSING wallet attempt for an order.
func newAttempt(t testing.TB, d *db.DB, o db.Order, requestID string) db.Attempt {
	t.Helper()
	a := db.Attempt{OrderID: o.ID, PaymentRequestID: requestID, Method: db.MethodWallet, Currency: o.Currency,
		Amount: o.Amount, Status: db.AttemptProcessing, ExpiresAt: t0.Add(time.Minute), NextCheckAt: t0.Add(5 * time.Second),
		CreatedAt: t0}
	id, err := d.InsertAttempt(ctx, a)
	check(t, err)
	a.ID, a.UpdatedAt = id, t0
	return a
}

// authorizedAttempt is an AUTHORIZED order of USD 10.00 held by a MANUAL
// card attempt that Antom authorized at t0 (expiring in an hour).
func authorizedAttempt(t testing.TB, d *db.DB, ref string) db.Attempt {
	t.Helper()
	o := newOrder(t, d, ref, 0, "USD", 1000)
	id, err := d.InsertAttempt(ctx, db.Attempt{OrderID: o.ID, PaymentRequestID: "PR-" + ref, Method: db.MethodCard,
		Currency: "USD", Amount: 1000, Status: db.AttemptProcessing, ExpiresAt: t0.Add(time.Hour), NextCheckAt: t0,
		CreatedAt: t0, CaptureMode: "MANUAL"})
	check(t, err)
	changed, err := d.SettleAttempt(ctx, id, db.AttemptProcessing, "", db.Settlement{Status: db.AttemptSuccess,
		Code: "SUCCESS", PaymentID: "PAY-" + ref, PaidAt: t0, Source: db.SourceAntom}, t0)
	ok(t, changed, err, true, "authorize "+ref)
	changed, err = d.SetOrderStatus(ctx, o.ID, db.OrderOpen, db.OrderAuthorized, t0)
	ok(t, changed, err, true, ref+" authorized")
	return readBackAttempt(t, d, id, o.ID)
}

// readBackAttempt reads attempt id (of order orderID) as stored. On an
// older schema than today's (a migration test's old database), whose
// attempts today's reads cannot read (they read every column since), it
// returns the two ids only: those tests use no other field.
func readBackAttempt(t testing.TB, d *db.DB, id, orderID int64) db.Attempt {
	t.Helper()
	if schemaVersion(t, d) < len(db.Migrations) {
		return db.Attempt{ID: id, OrderID: orderID}
	}
	a, err := d.AttemptByID(ctx, id)
	check(t, err)
	return a
}

// authorizedUntil is authorizedAttempt with its authorization's expiry
// (zero: not known).
func authorizedUntil(t testing.TB, d *db.DB, ref string, expires time.Time) db.Attempt {
	t.Helper()
	a := authorizedAttempt(t, d, ref)
	check(t, d.SetAttemptCard(ctx, a.ID, "VISA", "4242", expires, t0))
	return a
}

// captured records a capture (captureRequestId id, amount in minor units)
// of authorization a that ends in status: PROCESSING stays under way,
// SUCCESS also makes the order PAID.
func captured(t testing.TB, d *db.DB, a db.Attempt, id string, amount int64, status string) {
	t.Helper()
	cid, err := d.InsertCapture(ctx, db.Capture{OrderID: a.OrderID, AttemptID: a.ID, CaptureRequestID: id,
		Currency: "USD", Amount: amount, Status: db.CaptureProcessing, CreatedAt: t0})
	check(t, err)
	if status != db.CaptureProcessing {
		changed, err := d.SettleCapture(ctx, cid, status, "CODE", "message", "", t0)
		ok(t, changed, err, true, "settle capture "+id)
	}
	if status == db.CaptureSuccess {
		changed, err := d.SetOrderStatus(ctx, a.OrderID, db.OrderAuthorized, db.OrderPaid, t0)
		ok(t, changed, err, true, "paid by "+id)
	}
}

// paidAttempt is an order paid by a SUCCESS attempt at paidAt.
func paidAttempt(t testing.TB, d *db.DB, ref string, currency string, amount int64, paidAt time.Time) (db.Order, db.Attempt) {
	t.Helper()
	o := newOrder(t, d, ref, 0, currency, amount)
	a := newAttempt(t, d, o, "PR-"+ref)
	changed, err := d.SettleAttempt(ctx, a.ID, db.AttemptProcessing, "", db.Settlement{Status: db.AttemptSuccess,
		Code: "SUCCESS", PaymentID: "PAY-" + ref, PaidAt: paidAt, Source: db.SourceAntom}, paidAt)
	ok(t, changed, err, true, "settle "+ref)
	return o, readBackAttempt(t, d, a.ID, o.ID)
}
