package db_test

import (
	"context"
	"testing"
	"time"

	"antom-checkout/db"
	"antom-checkout/db/dbtest"
)

// DB.Tx on PostgreSQL is READ COMMITTED whatever the database's default
// (default_transaction_isolation): its writes are serialised by the
// advisory lock, and those kept for later (write_later.go) rely on
// re-checking their rows when sent, which a REPEATABLE READ transaction
// would refuse (40001) for any row written since its first read. Here
// the default is REPEATABLE READ, and a transaction still sees a write
// committed after its first read.
func TestTxIsReadCommittedWhateverTheDefault(t *testing.T) {
	if dbtest.Backend(t) != db.PostgreSQL {
		t.Skip("SQLite: one writer, no isolation levels")
	}
	ctx := context.Background()
	url := dbtest.PostgresURL(t)
	set, err := db.Open(ctx, url)
	check(t, err)
	_, err = set.Raw().ExecContext(ctx, `DO $$ BEGIN EXECUTE format('ALTER DATABASE %I SET default_transaction_isolation = ''repeatable read''', current_database()); END $$`)
	check(t, err)
	set.Close()
	d, err := db.Open(ctx, url) // new connections: the new default
	check(t, err)
	t.Cleanup(func() { d.Close() })
	var level string
	check(t, d.Raw().QueryRowContext(ctx, "SHOW default_transaction_isolation").Scan(&level))
	if level != "repeatable read" {
		t.Fatalf("the database's default is %q, want repeatable read for this test", level)
	}

	p, err := d.ProductBySlug(ctx, "notebook")
	check(t, err)
	id, err := d.InsertOrder(ctx, db.Order{Ref: "ISOLATION", ProductID: p.ID, Quantity: 1, Currency: p.Currency,
		Amount: p.Price, Status: db.OrderProcessing, CreatedAt: time.Now()})
	check(t, err)
	check(t, d.Tx(ctx, func(q *db.Queries) error {
		if _, err := q.OrderByID(ctx, id); err != nil {
			return err
		}
		if _, err := d.Raw().ExecContext(ctx, "UPDATE orders SET status = ? WHERE id = ?", db.OrderPaid, id); err != nil {
			return err
		}
		o, err := q.OrderByID(ctx, id)
		if err != nil {
			return err
		}
		if o.Status != db.OrderPaid {
			t.Errorf("inside DB.Tx the order is %q after a write committed since its first read: the transaction reads a snapshot (REPEATABLE READ), not READ COMMITTED", o.Status)
		}
		return nil
	}))
}
