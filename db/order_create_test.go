package db_test

import (
	"testing"

	"antom-checkout/db"
	"antom-checkout/db/dbtest"
)

func TestInsertOrderWithEvent(t *testing.T) {
	dbtest.ForEachBackend(t, func(t *testing.T, d *db.DB) {
		buyer := newBuyer(t, d, "ann@example.com")
		o := db.Order{Ref: "ORD-A", BuyerID: buyer, ProductID: 1, Quantity: 2, Currency: "USD", Amount: 3700, Status: db.OrderOpen, CreatedAt: t0}
		line := db.Event{At: t0, Subject: "order:ORD-A", Kind: "buyer", Detail: "order created", HTTPRequestID: "req-1"}
		id, err := d.InsertOrderWithEvent(ctx, o, line)
		check(t, err)
		got, err := d.OrderByID(ctx, id)
		check(t, err)
		o.ID, o.UpdatedAt = id, t0
		eq(t, got, o, "the order, by the id returned")
		events, err := d.Events(ctx, "order:ORD-A")
		check(t, err)
		if len(events) != 1 || events[0].Detail != "order created" || events[0].HTTPRequestID != "req-1" || !events[0].At.Equal(t0) {
			t.Errorf("its timeline: %+v, want the one line", events)
		}

		// An order that cannot be stored writes no line.
		_, err = d.InsertOrderWithEvent(ctx, o, db.Event{At: t0, Subject: "order:ORD-A", Kind: "buyer", Detail: "created again"})
		if err == nil {
			t.Fatal("a second order with the same ref was inserted")
		}
		events, _ = d.Events(ctx, "order:ORD-A")
		eq(t, len(events), 1, "lines after the refused second order")

		// A line that cannot be written leaves no order: both or neither.
		if _, err := d.Raw().ExecContext(ctx, "DROP TABLE events"); err != nil {
			t.Fatal(err)
		}
		o2 := db.Order{Ref: "ORD-B", BuyerID: buyer, ProductID: 1, Quantity: 1, Currency: "USD", Amount: 1850, Status: db.OrderOpen, CreatedAt: t0}
		if _, err := d.InsertOrderWithEvent(ctx, o2, db.Event{At: t0, Subject: "order:ORD-B", Kind: "buyer", Detail: "order created"}); err == nil {
			t.Fatal("no error with no events table")
		}
		_, err = d.OrderByRef(ctx, "ORD-B")
		is(t, err, db.ErrNotFound, "the order whose line failed")
	})
}
