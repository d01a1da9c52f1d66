package db_test

import (
	"context"
	"testing"
	"time"

	"antom-checkout/db"
	"antom-checkout/db/dbtest"
)

// On SQLite a page's reads do not queue behind a write: while a
// transaction holds the writer, reads outside it answer, and see what
// was committed before they began — not what the open transaction wrote.
// After the commit they see it.
func TestReadsDoNotWaitForTheWriter(t *testing.T) {
	d := dbtest.OpenOn(t, db.SQLite)
	o := newOrder(t, d, "ORD-READ-1", 0, "USD", 100)
	inTx, release, done := make(chan struct{}), make(chan struct{}), make(chan error, 1)
	go func() {
		done <- d.Tx(ctx, func(q *db.Queries) error {
			if _, err := q.SetOrderStatus(ctx, o.ID, db.OrderOpen, db.OrderPaid, time.Now()); err != nil {
				return err
			}
			close(inTx)
			<-release
			return nil
		})
	}()
	<-inTx
	readCtx, cancel := context.WithTimeout(ctx, 2*time.Second)
	defer cancel()
	got, err := d.OrderByRef(readCtx, "ORD-READ-1")
	if err != nil {
		close(release)
		<-done
		t.Fatalf("a read while a transaction holds the writer: %v", err)
	}
	eq(t, got.Status, db.OrderOpen, "status read during the transaction (its write not committed yet)")
	products, err := d.Products(readCtx)
	check(t, err)
	if len(products) == 0 {
		t.Fatal("no catalogue read during the transaction")
	}
	close(release)
	check(t, <-done)
	got, err = d.OrderByRef(ctx, "ORD-READ-1")
	check(t, err)
	eq(t, got.Status, db.OrderPaid, "status read after the commit")
}

// The read pool refuses writes: one sent there by mistake fails instead
// of racing the writer.
func TestReadPoolRefusesWrites(t *testing.T) {
	d := dbtest.OpenOn(t, db.SQLite)
	if _, err := d.SQLReader().ExecContext(ctx, `UPDATE orders SET amount = 1`); err == nil {
		t.Fatal("the read pool took a write")
	}
}

// Statements run many times (prepared once per connection) keep working
// in and out of transactions, and after the schema under them changed.
func TestPreparedStatementsRunAgain(t *testing.T) {
	dbtest.ForEachBackend(t, func(t *testing.T, d *db.DB) {
		for i := range 3 {
			o := newOrder(t, d, "ORD-PREP-"+string(rune('A'+i)), 0, "USD", 100)
			check(t, d.Tx(ctx, func(q *db.Queries) error {
				got, err := q.OrderByID(ctx, o.ID)
				eq(t, got.Ref, o.Ref, "order read in a transaction")
				return err
			}))
			got, err := d.OrderByID(ctx, o.ID)
			check(t, err)
			eq(t, got.Ref, o.Ref, "order read outside")
		}
		_, err := d.Raw().ExecContext(ctx, `CREATE INDEX orders_amount_idx ON orders(amount)`)
		check(t, err)
		_, err = d.OrderByRef(ctx, "ORD-PREP-A")
		check(t, err)
	})
}
