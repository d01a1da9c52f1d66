package db

import (
	"context"
	"database/sql"
	"database/sql/driver"
	"errors"
	"fmt"
	"strings"
)

// pgBeginStatements begin DB.Tx's transaction on PostgreSQL: BEGIN, then
// DB.Tx's advisory lock, taken inside the transaction it belongs to, and
// (DB.TxForSavepoints) the savepoint the first Savepoint may take; one
// pipeline step each. The transaction is READ COMMITTED whatever the
// database's default (default_transaction_isolation): writers are
// serialised by the lock, and writes kept for later (write_later.go)
// re-check their rows when sent, which REPEATABLE READ would refuse for a
// row written meanwhile.
var pgBeginStatements = []string{pgBeginReadCommitted, fmt.Sprintf("SELECT pg_advisory_xact_lock(%d)", txLockKey), "SAVEPOINT work"}

// pgBeginReadCommitted is DB.Tx's BEGIN.
const pgBeginReadCommitted = "BEGIN ISOLATION LEVEL READ COMMITTED"

// errRolledBack means PostgreSQL answered a COMMIT by rolling back: a
// statement of the transaction had failed.
var errRolledBack = errors.New("the transaction was rolled back (a statement in it failed)")

// pgTx is DB.Tx on PostgreSQL: the transaction runs on one connection of
// the pool, held from BEGIN to COMMIT or ROLLBACK (what *sql.Tx does). A
// connection that cannot be brought back out of its transaction — a
// failed ROLLBACK, a panic in fn — is closed, never returned to the pool,
// so that nothing keeps holding the lock (PostgreSQL ends the transaction
// with it).
//
// BEGIN and the lock (with savepoint, DB.TxForSavepoints, a SAVEPOINT
// too, for the first Savepoint to take: txState.preset) are not sent
// before fn's first statement, which they go with (unbegun): a first
// read, INSERT … RETURNING or other write is one round trip with them
// (firstRead, firstExec). The lock is then the transaction's from its
// first statement to its end; one that has sent nothing holds nothing,
// as if it had not begun yet: its reads and writes all come after the
// lock. A transaction that sends nothing before its COMMIT sends them
// with its kept rows and the COMMIT; one with nothing at all to commit
// sends nothing.
func (d *DB) pgTx(ctx context.Context, fn func(*Queries) error, savepoint bool) error {
	c, err := d.sql.Conn(ctx)
	if err != nil {
		return fmt.Errorf("db: begin: %w", err)
	}
	st := &txState{preset: savepoint, noLater: !laterAllowed(ctx), watch: d.watch}
	open := true // the connection may be in the transaction still
	defer func() {
		if open {
			pgDiscard(c)
		}
		c.Close()
		st.leftLock()
	}()
	st.unbegun, st.beginWith = c, pgBeginStatements[:2]
	if savepoint {
		st.beginWith = pgBeginStatements
	}
	q := &Queries{q: conn{raw: c, d: d.d, tx: st}, pending: new([]Event), inbox: new([]Notification), wakes: new([]wakeLine), tx: st}
	err = fn(q)
	if st.laterErr != nil {
		err = st.laterErr // what fn made of it, a Savepoint may have hidden
	}
	unbegun := st.unbegun != nil
	st.unbegun = nil
	if unbegun && (err != nil || len(*q.pending)+len(*q.inbox)+len(*q.wakes)+len(st.later) == 0) {
		open = false // nothing was sent: the connection is in no transaction
		return st.laterFailed(err)
	}
	open = false // pgEnd ends the transaction or closes the connection
	if err != nil {
		pgEnd(context.WithoutCancel(ctx), c, "ROLLBACK", nil)
		return st.laterFailed(err)
	}
	// The timeline entries, inbox rows and NOTIFYs kept go in the same
	// round trip as the COMMIT (after BEGIN and the lock, if not sent
	// yet).
	var last []statement
	if unbegun {
		for _, b := range st.beginWith {
			last = append(last, statement{query: b}) // as beginSteps
		}
	}
	for _, w := range st.later { // writes kept for later (write_later.go)
		last = append(last, statement{d.d.query(w.query), args(w.args)})
	}
	st.later = nil
	for _, st := range append(eventInserts(*q.pending), notificationInserts(*q.inbox)...) {
		last = append(last, statement{d.d.query(st.query), args(st.args)})
	}
	for _, st := range wakeNotifies(*q.wakes) {
		last = append(last, statement{d.d.query(st.query), args(st.args)})
	}
	*q.pending, *q.inbox, *q.wakes = nil, nil, nil
	// The COMMIT is not cut off by ctx (a request whose client went
	// away): pgx would close the connection mid-COMMIT, and PostgreSQL go
	// on and commit while Tx said it failed. Its answer is always what
	// PostgreSQL did.
	if err := pgEnd(context.WithoutCancel(ctx), c, "COMMIT", last); err != nil {
		return st.laterFailed(fmt.Errorf("db: commit: %w", err))
	}
	return nil
}

// pgEnd sends COMMIT or ROLLBACK on c, after the statements before (in
// PostgreSQL's dialect), all in one round trip (pgPipeline): if one of
// them fails, PostgreSQL skips the rest and the transaction is rolled
// back. Unless the connection is then out of any transaction, it is
// closed rather than kept. A COMMIT that PostgreSQL turned into a
// rollback is errRolledBack.
func pgEnd(ctx context.Context, c *sql.Conn, end string, before []statement) error {
	steps := make([]pgStep, 0, len(before)+1)
	for _, st := range before {
		steps = append(steps, pgStep{query: st.query, args: st.args})
	}
	answers, err := pgPipeline(ctx, c, append(steps, pgStep{query: end}), pgIdle)
	if err == nil && end == "COMMIT" && answers[len(before)].tag.String() != "COMMIT" {
		err = errRolledBack
	}
	return laterError(answers, err)
}

// pgDiscard closes c's connection instead of returning it to the pool.
func pgDiscard(c *sql.Conn) {
	c.Raw(func(any) error { return driver.ErrBadConn })
}

// begin sends the statements that begin the transaction (beginWith)
// that pgTx or pgSnapshot have not sent yet (unbegun), before a statement
// of the transaction that does not go with them (firstRead); once only.
// If that fails, every statement after fails with the same error.
func (t *txState) begin(ctx context.Context) error {
	if t == nil {
		return nil
	}
	if t.beginErr != nil {
		return t.beginErr
	}
	c := t.unbegun
	if c == nil {
		return nil
	}
	t.unbegun = nil
	// One simple query of several statements: one round trip.
	if _, err := c.ExecContext(ctx, strings.Join(t.beginWith, "; ")); err != nil {
		t.beginErr = fmt.Errorf("db: begin: %w", err)
		return t.beginErr
	}
	t.tookLock()
	return nil
}

// beginSteps takes the statements that begin the transaction, if they
// have not been sent (unbegun), as the first steps of the pipeline the
// caller sends next; none once sent.
func (t *txState) beginSteps() []pgStep {
	if t.unbegun == nil {
		return nil
	}
	t.unbegun = nil
	steps := make([]pgStep, len(t.beginWith))
	for i, s := range t.beginWith {
		steps[i] = pgStep{query: s}
	}
	return steps
}

// begun takes PostgreSQL's answers to beginSteps: if one failed, every
// statement after fails with its error (beginErr), which it returns.
func (t *txState) begun(answers []pgAnswer) error {
	for _, an := range answers {
		if an.err != nil {
			t.beginErr = fmt.Errorf("db: begin: %w", an.err)
			return t.beginErr
		}
	}
	if len(answers) > 0 {
		t.tookLock()
	}
	return nil
}
