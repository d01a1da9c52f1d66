package db

import (
	"context"
	"database/sql"
	"database/sql/driver"
	"slices"
)

// firstRead runs query, handing each of its rows to each, as the first
// statement of c's transaction, together with the statements that begin
// it (txState.beginWith, not sent yet: unbegun) and the writes kept for
// later so far (write_later.go) — one round trip (pgPipeline) instead of
// two or three. sent is false, and nothing is run, when the transaction
// has begun already, or a Savepoint not set yet goes first (begins): the
// caller runs query as usual (begin, then sendLater, send them first).
//
// query is a read or a write that returns rows (… RETURNING); firstExec
// runs the others. Rows are scanned by pgx (pgxRow), not database/sql:
// the same Go types for our columns (integers, text, 0/1 bools), which
// every query of the package scans into. If a statement that begins the
// transaction fails, every statement after fails with its error
// (beginErr), as with begin; if a write kept for later fails, with its
// (laterErr), as with sendLater.
func (c conn) firstRead(ctx context.Context, query string, a []any, each func(scanner) error) (sent bool, err error) {
	if !c.begins() {
		return false, nil
	}
	_, err = c.sendFirst(ctx, query, pgStep{query: c.d.query(query), args: args(a), row: each})
	return true, err
}

// firstExec is firstRead for a statement that returns no rows
// (ExecContext): res holds the rows it changed.
func (c conn) firstExec(ctx context.Context, query string, a []any) (res sql.Result, sent bool, err error) {
	if !c.begins() {
		return nil, false, nil
	}
	an, err := c.sendFirst(ctx, query, pgStep{query: c.d.query(query), args: args(a)})
	if err != nil {
		return nil, true, err
	}
	return driver.RowsAffected(an.tag.RowsAffected()), true, nil
}

// sendFirst sends step, query in PostgreSQL's dialect, after the
// statements that begin c's transaction and the writes kept for later,
// in one pipeline, and returns its answer (firstRead).
func (c conn) sendFirst(ctx context.Context, query string, step pgStep) (pgAnswer, error) {
	t := c.tx
	raw := t.unbegun
	c.wrote(query)
	c.d.beforeStatement(ctx, query)
	steps := t.beginSteps()
	begin := len(steps)
	steps = append(steps, laterSteps(c.d, t.later)...)
	t.later = nil
	kept := len(steps)
	answers, err := pgPipeline(ctx, raw, append(steps, step), pgInTx)
	if err := t.begun(answers[:begin]); err != nil {
		return pgAnswer{}, err
	}
	if i := slices.IndexFunc(answers[begin:kept], func(an pgAnswer) bool { return an.err != nil }); i >= 0 {
		return pgAnswer{}, t.laterSent(answers[begin:kept], answers[begin+i].err)
	}
	return answers[kept], err
}

// begins says whether c's next statement would be sent with the
// statements that begin its transaction (firstRead).
func (c conn) begins() bool {
	// A Savepoint not set yet is set before its first statement
	// (ensure), on its own: the BEGIN goes before it.
	return c.tx != nil && c.tx.unbegun != nil && (c.sp == nil || c.sp.set)
}

// firstOf is firstRead for queryOne: sent as firstRead's, and the first
// row scanned with scan; sql.ErrNoRows if there is none (as *sql.Row).
func firstOf[T any](ctx context.Context, q querier, scan func(scanner) (T, error), query string, a []any) (T, bool, error) {
	c, ok := q.(conn)
	if !ok || !c.begins() {
		var zero T
		return zero, false, nil
	}
	return firstScanned(ctx, c, scan, query, a)
}

// firstScanned is firstOf's read, apart from it: the row its closure
// scans into lives on the heap, and a read that is no transaction's
// first (almost every one) then allocates none.
func firstScanned[T any](ctx context.Context, c conn, scan func(scanner) (T, error), query string, a []any) (v T, sent bool, err error) {
	n := 0
	sent, err = c.firstRead(ctx, query, a, func(row scanner) error {
		if n++; n > 1 {
			return nil // *sql.Row scans the first row only
		}
		var err error
		v, err = scan(row)
		return err
	})
	if sent && err == nil && n == 0 {
		err = sql.ErrNoRows
	}
	return v, sent, err
}
