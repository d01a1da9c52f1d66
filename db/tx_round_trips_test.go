package db_test

import (
	"errors"
	"fmt"
	"testing"
	"time"

	"antom-checkout/db"
	"antom-checkout/db/dbtest"
)

// A PostgreSQL transaction sends its BEGIN and the writers' lock with its
// first statement, a read or a write, and a lease claimed on new work or
// released goes with the next statement or the COMMIT: counted through a
// proxy, each transaction below takes at most the round trips it names,
// and leaves what it wrote.
func TestTxRoundTrips(t *testing.T) {
	d, p := dbtest.OpenCounted(t)
	until := t0.Add(time.Minute)
	cases := []struct {
		name string
		want int64
		tx   func(q *db.Queries, work string) error
	}{
		{"a first write: [BEGIN, lock, INSERT] [COMMIT]", 2, func(q *db.Queries, work string) error {
			_, err := q.ClaimLease(ctx, work, "A", t0, until)
			return err
		}},
		{"a first INSERT … RETURNING id: [BEGIN, lock, INSERT] [COMMIT]", 2, func(q *db.Queries, work string) error {
			_, err := q.InsertOrder(ctx, db.Order{Ref: work, ProductID: 1, Quantity: 1, Currency: "USD", Amount: 100,
				Status: db.OrderOpen, CreatedAt: t0})
			return err
		}},
		{"a first read: [BEGIN, lock, SELECT] [COMMIT]", 2, func(q *db.Queries, work string) error {
			_, _, err := q.LeaseHolder(ctx, work)
			return err
		}},
		{"a new lease claimed and released: [BEGIN, lock, INSERT, DELETE, COMMIT]", 1, func(q *db.Queries, work string) error {
			if err := q.ClaimNewLease(ctx, work, "B", t0, until); err != nil {
				return err
			}
			return q.ReleaseLease(ctx, work, "B")
		}},
		{"a new lease claimed, then read: [BEGIN, lock, INSERT, SELECT] [COMMIT]", 2, func(q *db.Queries, work string) error {
			if err := q.ClaimNewLease(ctx, work, "C", t0, until); err != nil {
				return err
			}
			h, _, err := q.LeaseHolder(ctx, work)
			if err == nil && h != "C" {
				err = fmt.Errorf("holder read after the claim: %q, want C", h)
			}
			return err
		}},
	}
	for i, c := range cases {
		for run := range 2 { // the first prepares the connection's statements
			work := fmt.Sprintf("rt:%d:%d", i, run)
			before := p.RoundTrips()
			check(t, d.Tx(ctx, func(q *db.Queries) error { return c.tx(q, work) }))
			// At most: pgx may ping a connection idle for over a second
			// as the pool hands it out (a stalled machine), one more.
			if n := p.RoundTrips() - before; run == 1 && n > c.want {
				t.Errorf("%s: %d round trips, want at most %d", c.name, n, c.want)
			}
		}
	}
	holder := func(work string) string {
		h, _, err := d.LeaseHolder(ctx, work)
		check(t, err)
		return h
	}
	eq(t, holder("rt:0:1"), "A", "a lease claimed as a transaction's first write")
	eq(t, holder("rt:3:1"), "", "a lease claimed and released in one transaction")
	eq(t, holder("rt:4:1"), "C", "a lease claimed with the COMMIT")
	if _, err := d.OrderByRef(ctx, "rt:1:1"); err != nil {
		t.Errorf("the order inserted as a transaction's first statement: %v", err)
	}
}

// A lease claimed on new work that somebody holds after all fails the
// transaction, and nothing of it is committed: on PostgreSQL, where the
// claim goes with the COMMIT, as ErrLaterWriteMissed.
func TestClaimNewLeaseOnHeldWork(t *testing.T) {
	dbtest.ForEachBackend(t, func(t *testing.T, d *db.DB) {
		until := t0.Add(time.Minute)
		changed, err := d.ClaimLease(ctx, "refund:77", "X", t0, until)
		ok(t, changed, err, true, "X claims")
		err = d.Tx(ctx, func(q *db.Queries) error {
			if changed, err := q.ClaimLease(ctx, "refund:78", "Y", t0, until); err != nil || !changed {
				return fmt.Errorf("claim before: %v %v", changed, err)
			}
			return q.ClaimNewLease(ctx, "refund:77", "B", t0, until)
		})
		if err == nil {
			t.Fatal("a new lease on held work was claimed")
		}
		if d.Backend() == db.PostgreSQL && !errors.Is(err, db.ErrLaterWriteMissed) {
			t.Errorf("error %v, want ErrLaterWriteMissed", err)
		}
		for work, want := range map[string]string{"refund:77": "X", "refund:78": ""} {
			h, _, err := d.LeaseHolder(ctx, work)
			check(t, err)
			eq(t, h, want, "holder of "+work+" after the failed transaction")
		}
	})
}

// Writes kept for later before a transaction's first statement go after
// its BEGIN and lock whatever comes next — here a pipelined Read — so a
// transaction rolled back leaves nothing of them: a lease claimed in it
// is not held, and one released in it is held still.
func TestKeptWritesStayInTheTransaction(t *testing.T) {
	dbtest.ForEachBackend(t, func(t *testing.T, d *db.DB) {
		until := t0.Add(time.Minute)
		changed, err := d.ClaimLease(ctx, "refund:91", "Z", t0, until)
		ok(t, changed, err, true, "Z claims")
		rolledBack := errors.New("rolled back")
		var product db.Product
		var attempts []db.Attempt
		err = d.Tx(ctx, func(q *db.Queries) error {
			if err := q.ClaimNewLease(ctx, "refund:90", "B", t0, until); err != nil {
				return err
			}
			if err := q.ReleaseLease(ctx, "refund:91", "Z"); err != nil {
				return err
			}
			if err := q.Read(ctx, db.ReadProductByID(1, &product), db.ReadAttemptsOfOrder(1, &attempts)); err != nil {
				return err
			}
			return rolledBack
		})
		is(t, err, rolledBack, "the transaction's own error")
		if product.ID != 1 {
			t.Errorf("the read in the transaction found product %d, want 1", product.ID)
		}
		for work, want := range map[string]string{"refund:90": "", "refund:91": "Z"} {
			h, _, err := d.LeaseHolder(ctx, work)
			check(t, err)
			eq(t, h, want, "holder of "+work+" after the transaction rolled back")
		}
	})
}
