package db_test

import (
	"testing"
	"time"

	"antom-checkout/db"
	"antom-checkout/db/dbtest"
)

// In a request made WithCheckoutRead, FindSession finds what it finds
// without, and the first CheckoutOrderByRef of that ref answers what a
// read of its own answers — for a live, expired or missing session, and
// an order with an attempt, without one, or none. Only the first call
// outside a transaction, and only for that ref, takes the read: a later
// one, one in a transaction, or one of another ref sees the order as it
// is now.
func TestFindSessionWithCheckoutRead(t *testing.T) {
	dbtest.ForEachBackend(t, func(t *testing.T, d *db.DB) {
		store := scsStore(d)
		check(t, store.Commit("live", []byte("s1{}"), time.Now().Add(time.Hour)))
		check(t, store.Commit("expired", []byte("old"), time.Now().Add(-time.Second)))
		paid := newOrder(t, d, "ORD-CR-1", 0, "USD", 725)
		newAttempt(t, d, paid, "PR-CR-1")
		open := newOrder(t, d, "ORD-CR-2", 0, "USD", 100)

		for _, token := range []string{"live", "expired", "never"} {
			for _, ref := range []string{paid.Ref, open.Ref, "ORD-NONE"} {
				what := token + " session, " + ref
				wantData, wantFound, err := d.FindSession(ctx, token)
				check(t, err)
				wantO, wantA, wantErr := d.CheckoutOrderByRef(ctx, ref)

				rctx := db.WithCheckoutRead(ctx, ref)
				data, found, err := d.FindSession(rctx, token)
				check(t, err)
				eq(t, found, wantFound, what+": found")
				eq(t, string(data), string(wantData), what+": data")
				o, a, err := d.CheckoutOrderByRef(rctx, ref)
				eq(t, err, wantErr, what+": order error")
				eq(t, o, wantO, what+": order")
				eq(t, a, wantA, what+": attempt")
			}
		}

		// Taken once: a second call reads again, and sees a change made
		// since.
		rctx := db.WithCheckoutRead(ctx, open.Ref)
		_, _, err := d.FindSession(rctx, "live")
		check(t, err)
		attempt := newAttempt(t, d, open, "PR-CR-2")
		_, a, err := d.CheckoutOrderByRef(rctx, open.Ref)
		check(t, err)
		eq(t, a.ID, int64(0), "the first call: the order as the session's read found it")
		_, a, err = d.CheckoutOrderByRef(rctx, open.Ref)
		check(t, err)
		eq(t, a.ID, attempt.ID, "a second call: the order now")

		// Another ref, or in a transaction: read afresh.
		rctx = db.WithCheckoutRead(ctx, open.Ref)
		_, _, err = d.FindSession(rctx, "live")
		check(t, err)
		o, _, err := d.CheckoutOrderByRef(rctx, paid.Ref)
		check(t, err)
		eq(t, o.Ref, paid.Ref, "another ref")
		check(t, d.Tx(rctx, func(q *db.Queries) error {
			changed, err := q.SetOrderStatus(rctx, open.ID, db.OrderOpen, db.OrderProcessing, t0)
			ok(t, changed, err, true, "move the order in the transaction")
			o, _, err := q.CheckoutOrderByRef(rctx, open.Ref)
			eq(t, o.Status, db.OrderProcessing, "in a transaction: its own read")
			return err
		}))
		o, _, err = d.CheckoutOrderByRef(rctx, open.Ref)
		check(t, err)
		eq(t, o.Status, db.OrderOpen, "after the transaction, the first call outside one: the session's read")

		// A second FindSession in the same request finds the session
		// alone.
		data, found, err := d.FindSession(rctx, "live")
		check(t, err)
		eq(t, found, true, "found again")
		eq(t, string(data), "s1{}", "data again")
	})
}
