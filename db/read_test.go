package db_test

import (
	"reflect"
	"strings"
	"testing"

	"antom-checkout/db"
	"antom-checkout/db/dbtest"
)

// Reads batched by Queries.Read in a snapshot — on PostgreSQL one
// pipeline with the snapshot's BEGIN — give what their query methods
// give in the same snapshot, and a read that finds nothing says so as
// its method does (ErrNotFound, or a zero value where the Read says so).
func TestReadGivesWhatItsMethodsGive(t *testing.T) {
	dbtest.ForEachBackend(t, func(t *testing.T, d *db.DB) {
		o := authorizedAttempt(t, d, "ORD-READ")
		check(t, d.InsertEvent(ctx, db.Event{At: t0, Subject: "order:ORD-READ", Kind: "state", Detail: "authorized"}))
		check(t, d.Snapshot(ctx, func(q *db.Queries) error {
			var attempts []db.Attempt
			var latest, paying db.Attempt
			var captures []db.Capture
			var refunds []db.Refund
			var events []db.Event
			var money db.AttemptMoney
			var refunded, processing, handled, failed int64
			var email string
			var owed map[int64]db.RefundOwed
			var twice map[int64]string
			check(t, q.Read(ctx, db.ReadAttemptsOfOrder(o.OrderID, &attempts), db.ReadLatestAttempt(o.OrderID, &latest),
				db.ReadSuccessfulAttempt(o.OrderID, &paying), db.ReadOrderCaptures(o.OrderID, &captures),
				db.ReadOrderRefunds(o.OrderID, &refunds), db.ReadEvents("order:ORD-READ", &events), db.ReadBuyerEmail(0, &email),
				db.ReadAttemptMoney(o.ID, &money), db.ReadRefundTotals(o.ID, &refunded, &processing),
				db.ReadHandledRefundTotal(o.ID, &handled), db.ReadFailedRefundTotal(o.ID, &failed),
				db.ReadRefundFailuresOwed(o.OrderID, &owed), db.ReadOrderRefundsPaidTwice(o.OrderID, &twice)))
			same(t, attempts, must(q.AttemptsOfOrder(ctx, o.OrderID)), "attempts")
			eq(t, len(attempts), 1, "attempts")
			same(t, latest, must(q.LatestAttempt(ctx, o.OrderID)), "latest attempt")
			same(t, paying, must(q.SuccessfulAttempt(ctx, o.OrderID)), "successful attempt")
			same(t, captures, must(q.OrderCaptures(ctx, o.OrderID)), "captures")
			same(t, refunds, must(q.OrderRefunds(ctx, o.OrderID)), "refunds")
			same(t, events, must(q.Events(ctx, "order:ORD-READ")), "events")
			eq(t, len(events), 1, "events")
			same(t, money, must(q.AttemptMoney(ctx, o.ID)), "attempt money")
			same(t, owed, must(q.RefundFailuresOwed(ctx, o.OrderID)), "refund failures owed")
			same(t, twice, must(q.OrderRefundsPaidTwice(ctx, o.OrderID)), "refunds paid twice")
			eq(t, email, "", "a guest's email")
			return nil
		}))

		var none db.Attempt
		var p db.Product
		var events []db.Event
		err := d.Snapshot(ctx, func(q *db.Queries) error {
			return q.Read(ctx, db.ReadLatestAttempt(-1, &none), db.ReadProductByID(-1, &p), db.ReadEvents("order:ORD-READ", &events))
		})
		is(t, err, db.ErrNotFound, "a product that is not there")
		eq(t, none.ID, 0, "no attempt")
	})
}

// A read that fails in a batch — as the snapshot's first statements or
// after them — fails Queries.Read with its name and the database's word,
// and ends the snapshot; the reads beside it fill nothing, and the pool's
// connections read as before after it.
func TestReadFailedStatement(t *testing.T) {
	dbtest.ForEachBackend(t, func(t *testing.T, d *db.DB) {
		o := newOrder(t, d, "ORD-READ-FAIL", 0, "USD", 100)
		newAttempt(t, d, o, "PR-READ-FAIL")
		for _, begun := range []bool{false, true} {
			attempts := []db.Attempt{}
			err := d.Snapshot(ctx, func(q *db.Queries) error {
				if begun {
					if _, err := q.OrderByRef(ctx, o.Ref); err != nil {
						return err
					}
				}
				return q.Read(ctx, db.ReadSQL("broken read", `SELECT no_such_column FROM orders`), db.ReadAttemptsOfOrder(o.ID, &attempts))
			})
			if err == nil || !strings.Contains(err.Error(), "db: broken read: ") || !strings.Contains(err.Error(), "no_such_column") {
				t.Fatalf("a failed read (begun %v): %v", begun, err)
			}
			eq(t, len(attempts), 0, "attempts read beside it")
			check(t, d.Snapshot(ctx, func(q *db.Queries) error {
				return q.Read(ctx, db.ReadAttemptsOfOrder(o.ID, &attempts), db.ReadSQL("one", `SELECT 1`))
			}))
			eq(t, len(attempts), 1, "attempts read after it")
		}
	})
}

func must[T any](v T, err error) T {
	if err != nil {
		panic(err)
	}
	return v
}

func same[T any](t *testing.T, got, want T, what string) {
	t.Helper()
	if !reflect.DeepEqual(got, want) {
		t.Errorf("%s: read %+v, its method %+v", what, got, want)
	}
}

// ReadLast reads as Read does and ends the snapshot — on PostgreSQL its
// COMMIT goes with the reads — so that a statement after it fails on
// either backend, and the snapshot returns what fn returns.
func TestReadLastEndsTheSnapshot(t *testing.T) {
	dbtest.ForEachBackend(t, func(t *testing.T, d *db.DB) {
		o := newOrder(t, d, "ORD-READ-LAST", 0, "USD", 100)
		newAttempt(t, d, o, "PR-READ-LAST")
		for _, begun := range []bool{false, true} {
			var attempts []db.Attempt
			var latest db.Attempt
			var after error
			check(t, d.Snapshot(ctx, func(q *db.Queries) error {
				if begun {
					if _, err := q.OrderByRef(ctx, o.Ref); err != nil {
						return err
					}
				}
				if err := q.ReadLast(ctx, db.ReadAttemptsOfOrder(o.ID, &attempts), db.ReadLatestAttempt(o.ID, &latest)); err != nil {
					return err
				}
				_, after = q.AttemptsOfOrder(ctx, o.ID)
				return nil
			}))
			eq(t, len(attempts), 1, "attempts")
			eq(t, latest.PaymentRequestID, "PR-READ-LAST", "the latest attempt")
			if after == nil || !strings.Contains(after.Error(), "the snapshot has ended") {
				t.Errorf("a read after ReadLast (begun %v): %v", begun, after)
			}
		}
	})
}
