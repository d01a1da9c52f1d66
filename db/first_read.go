package db

import (
	"context"
	"database/sql"
	"fmt"
)

// firstRead runs query, a read (SELECT), handing each of its rows to
// each, as the first statement of c's transaction, together with the
// statements that begin it (txState.beginWith, not sent yet: unbegun) —
// one round trip (pgPipeline) instead of two. sent is false, and nothing
// is run, when the transaction has begun already, or query does not start
// it: the caller runs query as usual (and conn sends the BEGIN first).
//
// Rows are scanned by pgx (pgxRow), not database/sql: the same Go types
// for our columns (integers, text, 0/1 bools), which every query of the
// package scans into. If a statement that begins the transaction fails,
// every statement after fails with its error (beginErr), as with begin.
func (c conn) firstRead(ctx context.Context, query string, a []any, each func(scanner) error) (sent bool, err error) {
	if !c.begins(query) {
		return false, nil
	}
	t := c.tx
	raw := t.unbegun
	t.unbegun = nil
	c.d.beforeStatement(ctx, query)
	steps := make([]pgStep, 0, len(t.beginWith)+1)
	for _, s := range t.beginWith {
		steps = append(steps, pgStep{query: s})
	}
	steps = append(steps, pgStep{query: c.d.query(query), args: args(a), row: each})
	answers, err := pgPipeline(ctx, raw, steps, pgInTx)
	for _, an := range answers[:len(t.beginWith)] {
		if an.err != nil {
			t.beginErr = fmt.Errorf("db: begin: %w", an.err)
			return true, t.beginErr
		}
	}
	return true, err
}

// begins says whether query would be sent with the statements that begin
// c's transaction (firstRead).
func (c conn) begins(query string) bool {
	// A Savepoint not set yet is set before its first statement
	// (ensure), on its own: the BEGIN goes before it.
	return c.tx != nil && c.tx.unbegun != nil && (c.sp == nil || c.sp.set) && isSelect(query)
}

// firstOf is firstRead for queryOne: sent as firstRead's, and the first
// row scanned with scan; sql.ErrNoRows if there is none (as *sql.Row).
func firstOf[T any](ctx context.Context, q querier, scan func(scanner) (T, error), query string, a []any) (v T, sent bool, err error) {
	c, ok := q.(conn)
	if !ok || !c.begins(query) {
		return v, false, nil
	}
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
