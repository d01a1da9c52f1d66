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
// which some fail. If fn returns nil, its writes and the timeline entries,
// inbox rows and NOTIFYs it added (InsertEvent, QueueNotification,
// NotifyAtCommit) stay in the transaction; if fn returns an error, they
// are undone (ROLLBACK TO) and
// the transaction carries on as it was before fn. failed is fn's error.
// err is set only when the savepoint itself could not be set or rolled
// back to: the transaction is then unusable and the caller must end it
// with an error (DB.Tx rolls it back).
//
// Both backends: SAVEPOINT and ROLLBACK TO. The SAVEPOINT is set only
// before fn's first statement: work that runs none (it only keeps
// entries and rows to write at the commit) needs none, and its failure
// only drops what it kept. Savepoints are left in place for the
// transaction's COMMIT to release all at once (no RELEASE: one round
// trip less per call on PostgreSQL); ROLLBACK TO rolls back to the newest
// savepoint of its name, the call's own. In DB.TxForSavepoints the
// first call (not inside another) takes the SAVEPOINT sent with BEGIN
// instead, if no statement has written since.
func (q *Queries) Savepoint(ctx context.Context, fn func(*Queries) error) (failed, err error) {
	c, ok := q.q.(conn)
	if q.pending == nil || !ok {
		return nil, errNoTx
	}
	sp := &savepoint{outer: c.sp}
	// A savepoint set with BEGIN (DB.TxForSavepoints) while nothing has
	// been written since is where this one would be set: it is this one.
	if c.sp == nil && q.tx.takePreset() {
		sp.set = true
	}
	in := *q
	c.sp = sp
	in.q = c
	// Entries and rows kept before fn: flushEvents and flushInbox never
	// write over what they replace, so these slices still hold them even
	// if fn flushed.
	before, beforeInbox := *q.pending, *q.inbox
	var beforeWakes []wakeLine
	if q.wakes != nil {
		beforeWakes = *q.wakes
	}
	failed = fn(&in)
	if sp.err != nil {
		return failed, sp.err
	}
	if failed == nil {
		return nil, nil
	}
	if sp.set {
		c.sp = nil
		if _, err := c.ExecContext(ctx, "ROLLBACK TO SAVEPOINT work"); err != nil {
			return failed, fmt.Errorf("db: rollback to savepoint: %w", err)
		}
	}
	// If fn flushed, what it wrote (the earlier entries and rows too) is
	// rolled back: they are kept again, to be written at the commit.
	*q.pending, *q.inbox = before, beforeInbox
	if q.wakes != nil {
		*q.wakes = beforeWakes
	}
	return failed, nil
}

// savepoint is one Savepoint call's SAVEPOINT, set by the first statement
// run in it (conn calls ensure).
type savepoint struct {
	outer *savepoint // the Savepoint this one runs in, if any: set first
	set   bool
	err   error // setting it failed: the transaction is unusable
}

// ensure sets s (and the savepoints it runs in) if not yet set, on c's
// transaction. A nil s (no Savepoint) has nothing to set.
func (s *savepoint) ensure(ctx context.Context, c conn) error {
	if s == nil || s.set {
		return nil
	}
	if s.err != nil {
		return s.err
	}
	c.sp = nil
	if err := s.outer.ensure(ctx, c); err != nil {
		s.err = err
		return err
	}
	if _, err := c.ExecContext(ctx, "SAVEPOINT work"); err != nil {
		s.err = fmt.Errorf("db: savepoint: %w", err)
		return s.err
	}
	s.set = true
	return nil
}
