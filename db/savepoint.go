package db

import (
	"context"
	"errors"
	"fmt"
)

// errNoTx means Savepoint was called on Queries outside a transaction.
var errNoTx = errors.New("db: savepoint outside a transaction")

// Savepoint runs fn inside a SAVEPOINT of the transaction q belongs to
// (DB.Tx), so that one transaction can carry several pieces of work of
// which some fail. If fn returns nil, its writes and the timeline entries
// and inbox rows it added (InsertEvent, QueueNotification) stay in the
// transaction; if fn returns an error,
// they are undone (ROLLBACK TO) and the transaction carries on as it was
// before fn. failed is fn's error. err is set only when the savepoint
// itself could not be set or rolled back to: the transaction is then
// unusable and the caller must end it with an error (DB.Tx rolls it back).
// Both backends: SAVEPOINT and ROLLBACK TO. Savepoints are left in place
// for the transaction's COMMIT to release all at once (no RELEASE: one
// round trip less per call on PostgreSQL); ROLLBACK TO rolls back to the
// newest savepoint of its name, the call's own.
func (q *Queries) Savepoint(ctx context.Context, fn func(*Queries) error) (failed, err error) {
	if q.pending == nil {
		return nil, errNoTx
	}
	if _, err := q.q.ExecContext(ctx, "SAVEPOINT work"); err != nil {
		return nil, fmt.Errorf("db: savepoint: %w", err)
	}
	// Entries and rows kept before fn: flushEvents never writes over what it
	// replaces, so this slice still holds them even if fn flushed.
	before, beforeInbox := *q.pending, *q.inbox
	if failed = fn(q); failed == nil {
		return nil, nil
	}
	if _, err := q.q.ExecContext(ctx, "ROLLBACK TO SAVEPOINT work"); err != nil {
		return failed, fmt.Errorf("db: rollback to savepoint: %w", err)
	}
	// If fn flushed, what it wrote (the earlier entries and rows too) is rolled
	// back: they are kept again, to be written at the commit.
	*q.pending, *q.inbox = before, beforeInbox
	return failed, nil
}
