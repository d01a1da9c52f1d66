package db

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
)

// Snapshot runs fn's reads in one read-only snapshot of the database: every
// statement fn runs through its Queries sees the same committed state,
// whatever commits meanwhile — all of a transaction that commits while fn
// reads, or none of it. A page read in several statements (an order, its
// payments, refunds and timeline) is then never torn: never a refund's
// timeline line without its refund row, never an authorization read
// before a capture's commit beside the capture read after it.
//
//   - PostgreSQL: BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY, on a
//     connection of the pool. It does not take DB.Tx's advisory lock: it
//     writes nothing, and neither waits for a write transaction nor makes
//     one wait. The BEGIN goes with fn's first read, in its round trip
//     (pgSnapshot).
//   - SQLite: a deferred transaction on the read pool, whose connections
//     refuse writes. In WAL mode it sees one snapshot from its first read,
//     and never waits for the writer.
//
// The snapshot is taken at fn's first statement, not at BEGIN. fn must
// run every statement through the Queries it is given — a statement on
// DB meanwhile would read outside the snapshot and take a second
// connection of the pool — and must not write: the database refuses it.
// fn's last reads may end it (Queries.ReadLast: on PostgreSQL its COMMIT
// goes with them). fn's error is returned as it is. A snapshot whose ctx ended while fn
// read returns ctx's error (context.Canceled, …) with whatever failed:
// when fn failed then (database/sql rolls the transaction back as ctx
// ends, so a read may say only sql.ErrTxDone), on PostgreSQL whenever
// ctx ended before its end, on SQLite when its commit fails for it.
func (d *DB) Snapshot(ctx context.Context, fn func(*Queries) error) error {
	if d.d.backend == PostgreSQL {
		return d.pgSnapshot(ctx, fn)
	}
	tx, err := d.read.BeginTx(ctx, &sql.TxOptions{ReadOnly: true})
	if err != nil {
		return fmt.Errorf("db: begin snapshot: %w", err)
	}
	if err := fn(&Queries{q: conn{raw: tx, d: d.d, tx: &txState{snapshot: true}}}); err != nil {
		tx.Rollback()
		return endedBy(ctx, err)
	}
	if err := tx.Commit(); err != nil {
		if ctx.Err() != nil {
			// database/sql rolled the snapshot back as ctx ended, so the
			// Commit says only sql.ErrTxDone: what ended it is ctx.
			return fmt.Errorf("db: end snapshot: %w", errors.Join(ctx.Err(), err))
		}
		return fmt.Errorf("db: end snapshot: %w", err)
	}
	return nil
}

// endedBy is err, a snapshot's read that failed, joined with ctx's error
// when ctx has ended: what ended the read may have been ctx (database/sql
// rolled the transaction back under it), and the request must be told
// so (a 499 or a 503, not a 500).
func endedBy(ctx context.Context, err error) error {
	if ctx.Err() == nil || errors.Is(err, ctx.Err()) {
		return err
	}
	return fmt.Errorf("%w (the read's context ended: %w)", err, ctx.Err())
}
