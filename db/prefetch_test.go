package db_test

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"testing"

	"antom-checkout/db"
	"antom-checkout/db/dbtest"
)

// PrefetchAttempts: the ids it found no attempt for are answered
// ErrNotFound in the transaction, the others are read as ever, and an
// attempt inserted in the transaction afterwards is found.
func TestPrefetchAttemptsAbsent(t *testing.T) {
	dbtest.ForEachBackend(t, func(t *testing.T, d *db.DB) {
		o := newOrder(t, d, "NA-1", 0, "USD", 100)
		known := newAttempt(t, d, o, "PR-KNOWN")
		later := newOrder(t, d, "NA-2", 0, "USD", 100)
		check(t, d.PrefetchAttempts(ctx, []string{"PR-NEW"})) // outside a transaction: nothing noted
		err := d.Tx(ctx, func(q *db.Queries) error {
			check(t, q.PrefetchAttempts(ctx, nil))
			check(t, q.PrefetchAttempts(ctx, []string{"PR-KNOWN", "PR-NEW", "PR-NEW"}))
			a, got, err := q.AttemptAndOrderByRequestID(ctx, "PR-KNOWN")
			check(t, err)
			eq(t, a.ID, known.ID, "known attempt")
			eq(t, got.ID, o.ID, "known attempt's order")
			_, _, err = q.AttemptAndOrderByRequestID(ctx, "PR-NEW")
			is(t, err, db.ErrNotFound, "noted absent")
			_, err = q.AttemptByRequestID(ctx, "PR-NEW")
			is(t, err, db.ErrNotFound, "noted absent, attempt only")
			failed, err := q.Savepoint(ctx, func(q *db.Queries) error {
				_, err := q.InsertAttempt(ctx, db.Attempt{OrderID: later.ID, PaymentRequestID: "PR-NEW", Method: db.MethodWallet,
					Currency: "USD", Amount: 100, Status: db.AttemptProcessing, ExpiresAt: t0, NextCheckAt: t0, CreatedAt: t0})
				return err
			})
			check(t, failed)
			check(t, err)
			a, got, err = q.AttemptAndOrderByRequestID(ctx, "PR-NEW")
			check(t, err)
			eq(t, got.ID, later.ID, "attempt inserted after the note")
			eq(t, a.PaymentRequestID, "PR-NEW", "attempt inserted after the note")
			return nil
		})
		check(t, err)
	})
}

// What PrefetchAttempts read answers AttemptAndOrderByRequestID and
// PayingAndOpenAttempts as their queries would, and only while no
// statement of the transaction may have changed it: after SettleAttempt,
// SetOrderStatus, any other write, or a rollback to a savepoint, they
// read what is there now.
func TestPrefetchAttemptsForgets(t *testing.T) {
	dbtest.ForEachBackend(t, func(t *testing.T, d *db.DB) {
		changed := func(changed bool, err error) { // a compare-and-set changed its row
			t.Helper()
			ok(t, changed, err, true, "compare-and-set")
		}
		// Order A: a failed attempt, a paid one, an open one. Order B: an open one.
		a := newOrder(t, d, "PF-A", 0, "USD", 100)
		failedA := newAttempt(t, d, a, "PR-A1")
		changed(d.SettleAttempt(ctx, failedA.ID, db.AttemptProcessing, "", db.Settlement{Status: db.AttemptFail,
			Code: "RISK_REJECT", Source: db.SourceAntom}, t0))
		paidA := newAttempt(t, d, a, "PR-A2")
		changed(d.SettleAttempt(ctx, paidA.ID, db.AttemptProcessing, "", db.Settlement{Status: db.AttemptSuccess,
			Code: "SUCCESS", PaymentID: "PAY-A2", PaidAt: t0, Source: db.SourceAntom}, t0))
		openA := newAttempt(t, d, a, "PR-A3")
		b := newOrder(t, d, "PF-B", 0, "USD", 100)
		openB := newAttempt(t, d, b, "PR-B")
		ids := []string{"PR-A3", "PR-B", "PR-NONE"}

		// What the queries answer, read outside a transaction.
		type read struct {
			a db.Attempt
			o db.Order
		}
		readBoth := func(q *db.Queries, id string) read {
			t.Helper()
			at, o, err := q.AttemptAndOrderByRequestID(ctx, id)
			check(t, err)
			return read{at, o}
		}
		want := map[string]read{}
		for _, id := range []string{"PR-A1", "PR-A3", "PR-B"} {
			want[id] = readBoth(d.Queries, id)
		}
		payingA, openOfA, err := d.PayingAndOpenAttempts(ctx, a.ID, openA.ID)
		check(t, err)
		eq(t, payingA.ID, paidA.ID, "query: A's paying attempt")
		eq(t, openOfA.ID, int64(0), "query: A's other open attempt")
		payingA2, openA2, err := d.PayingAndOpenAttempts(ctx, a.ID, paidA.ID)
		check(t, err)
		eq(t, openA2.ID, openA.ID, "query: A's open attempt")

		err = d.Tx(ctx, func(q *db.Queries) error {
			check(t, q.PrefetchAttempts(ctx, ids))
			for id, w := range want { // PR-A1 too: all of a prefetched order's attempts are read
				eq(t, readBoth(q, id), w, "prefetched "+id)
			}
			p, o, err := q.PayingAndOpenAttempts(ctx, a.ID, openA.ID)
			check(t, err)
			eq(t, p, payingA, "prefetched paying attempt")
			eq(t, o, openOfA, "prefetched other open attempt")
			p, o, err = q.PayingAndOpenAttempts(ctx, a.ID, paidA.ID)
			check(t, err)
			eq(t, p, payingA2, "prefetched paying attempt but the paid one")
			eq(t, o, openA2, "prefetched open attempt")

			// SettleAttempt: the attempt and its order's attempts are read again.
			changed(q.SettleAttempt(ctx, openB.ID, db.AttemptProcessing, "", db.Settlement{Status: db.AttemptSuccess,
				Code: "SUCCESS", PaymentID: "PAY-B", PaidAt: t0, Source: db.SourceAntom}, t0))
			eq(t, readBoth(q, "PR-B").a.Status, db.AttemptSuccess, "attempt after SettleAttempt")
			changed(q.SettleAttempt(ctx, openA.ID, db.AttemptProcessing, "", db.Settlement{Status: db.AttemptFail,
				Code: "USER_BALANCE_NOT_ENOUGH", Source: db.SourceAntom}, t0))
			_, o, err = q.PayingAndOpenAttempts(ctx, a.ID, paidA.ID)
			check(t, err)
			eq(t, o.ID, int64(0), "open attempt after SettleAttempt")

			// SetOrderStatus: the order is read again.
			check(t, q.PrefetchAttempts(ctx, ids))
			changed(q.SetOrderStatus(ctx, a.ID, db.OrderOpen, db.OrderPaid, t0))
			eq(t, readBoth(q, "PR-A3").o.Status, db.OrderPaid, "order after SetOrderStatus")

			// Any other write: everything is read again.
			check(t, q.PrefetchAttempts(ctx, ids))
			_, err = q.Q().ExecContext(ctx, `UPDATE orders SET status = 'VOIDED' WHERE id = ?`, b.ID)
			check(t, err)
			eq(t, readBoth(q, "PR-B").o.Status, db.OrderVoided, "order after another write")

			// Rolled back to a savepoint: what was read in it is read again.
			failed, err := q.Savepoint(ctx, func(q *db.Queries) error {
				if _, err := q.Q().ExecContext(ctx, `UPDATE orders SET status = 'OPEN' WHERE id = ?`, b.ID); err != nil {
					return err
				}
				check(t, q.PrefetchAttempts(ctx, ids))
				eq(t, readBoth(q, "PR-B").o.Status, db.OrderOpen, "order in the savepoint")
				return errors.New("undone")
			})
			check(t, err)
			if failed == nil {
				t.Fatal("the savepoint's work did not fail")
			}
			eq(t, readBoth(q, "PR-B").o.Status, db.OrderVoided, "order after the savepoint's rollback")
			return nil
		})
		check(t, err)
	})
}

// In TxForSavepoints a first PrefetchAttempts goes with BEGIN (on
// PostgreSQL in one pipeline, its rows scanned by pgx): it reads what
// its query reads outside, booleans and times included, and the work
// after it runs in the transaction as before.
func TestPrefetchAttemptsWithBegin(t *testing.T) {
	dbtest.ForEachBackend(t, func(t *testing.T, d *db.DB) {
		o := newOrder(t, d, "PFB", 0, "USD", 100)
		paid := newAttempt(t, d, o, "PR-PFB-1")
		changed, err := d.SettleAttempt(ctx, paid.ID, db.AttemptProcessing, "", db.Settlement{Status: db.AttemptSuccess,
			Code: "SUCCESS", PaymentID: "PAY-PFB", PaidAt: t0, Source: db.SourceAntom}, t0)
		ok(t, changed, err, true, "settle")
		changed, err = d.MarkSurplus(ctx, paid.ID, t0)
		ok(t, changed, err, true, "surplus")
		newAttempt(t, d, o, "PR-PFB-2")
		want := map[string]db.Attempt{}
		var wantOrder db.Order
		for _, id := range []string{"PR-PFB-1", "PR-PFB-2"} {
			a, o, err := d.AttemptAndOrderByRequestID(ctx, id)
			check(t, err)
			want[id], wantOrder = a, o
		}
		if !want["PR-PFB-1"].Surplus {
			t.Fatal("setup: the paid attempt is not surplus")
		}
		check(t, d.TxForSavepoints(ctx, func(q *db.Queries) error {
			check(t, q.PrefetchAttempts(ctx, []string{"PR-PFB-1", "PR-PFB-2", "PR-PFB-NONE"}))
			for id, w := range want {
				a, o, err := q.AttemptAndOrderByRequestID(ctx, id)
				check(t, err)
				eq(t, a, w, "prefetched "+id)
				eq(t, o, wantOrder, "prefetched order of "+id)
			}
			_, _, err := q.AttemptAndOrderByRequestID(ctx, "PR-PFB-NONE")
			is(t, err, db.ErrNotFound, "an id without an attempt")
			failed, err := q.Savepoint(ctx, func(q *db.Queries) error {
				_, err := q.InsertNotification(ctx, db.Notification{ReceivedAt: t0, Kind: "PFB-kept", Verdict: "applied"})
				return err
			})
			check(t, errors.Join(failed, err))
			return nil
		}))
		rows, err := d.RecentNotifications(ctx, 1)
		check(t, err)
		if len(rows) != 1 || rows[0].Kind != "PFB-kept" {
			t.Errorf("inbox after the transaction: %+v", rows)
		}
	})
}

// PrefetchAttempts reads any number of ids with one of a few statement
// texts (a power of two of them; on PostgreSQL each is prepared once per
// connection, not once per count), and each count reads what it names.
func TestPrefetchAttemptsTexts(t *testing.T) {
	dbtest.ForEachBackend(t, func(t *testing.T, d *db.DB) {
		o := newOrder(t, d, "PT-1", 0, "USD", 100)
		newAttempt(t, d, o, "PT-KNOWN")
		texts := map[string]bool{}
		d.BeforeStatement(func(_ context.Context, query string) {
			if strings.Contains(query, "payment_request_id IN") {
				texts[query] = true
			}
		})
		defer d.BeforeStatement(nil)
		for n := 1; n <= 20; n++ {
			ids := []string{"PT-KNOWN"}
			for i := 1; i < n; i++ {
				ids = append(ids, fmt.Sprintf("PT-NEW-%d", i))
			}
			check(t, d.Tx(ctx, func(q *db.Queries) error {
				check(t, q.PrefetchAttempts(ctx, ids))
				_, got, err := q.AttemptAndOrderByRequestID(ctx, "PT-KNOWN")
				check(t, err)
				eq(t, got.ID, o.ID, fmt.Sprintf("order of the known attempt, %d ids", n))
				for _, id := range ids[1:] {
					_, _, err := q.AttemptAndOrderByRequestID(ctx, id)
					is(t, err, db.ErrNotFound, fmt.Sprintf("%s, %d ids", id, n))
				}
				return nil
			}))
		}
		eq(t, len(texts), 6, "texts for 1 to 20 ids (1, 2, 4, 8, 16 and 32 of them)")
	})
}
