package db_test

import (
	"testing"

	"antom-checkout/db"
	"antom-checkout/db/dbtest"
)

// NoteAbsentAttempts: the ids it found no attempt for are answered
// ErrNotFound in the transaction, the others are read as ever, and an
// attempt inserted in the transaction afterwards is found.
func TestNoteAbsentAttempts(t *testing.T) {
	dbtest.ForEachBackend(t, func(t *testing.T, d *db.DB) {
		o := newOrder(t, d, "NA-1", 0, "USD", 100)
		known := newAttempt(t, d, o, "PR-KNOWN")
		later := newOrder(t, d, "NA-2", 0, "USD", 100)
		check(t, d.NoteAbsentAttempts(ctx, []string{"PR-NEW"})) // outside a transaction: nothing noted
		err := d.Tx(ctx, func(q *db.Queries) error {
			check(t, q.NoteAbsentAttempts(ctx, nil))
			check(t, q.NoteAbsentAttempts(ctx, []string{"PR-KNOWN", "PR-NEW", "PR-NEW"}))
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
