package db

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"slices"
)

// Read is one read of a batch that Queries.Read runs: a SELECT and what
// becomes of its rows. The Read* functions beside the queries make them,
// each writing into what its caller gave it as it reads: use it only
// once Queries.Read has returned nil.
type Read struct {
	what  string // names the read in errors
	query string // portable SQL: a SELECT; "" for none (nothing to read)
	args  []any
	row   func(scanner) error // each row, in order
	// first: row sees the first row only (the rows after it are not
	// scanned, as *sql.Row's); none, if set, is the read's error when
	// there is no row.
	first bool
	none  error
}

// each is r's row function, counting rows into *n, or r.row itself when
// it needs no count.
func (r Read) each(n *int) func(scanner) error {
	if !r.first && r.none == nil {
		return r.row
	}
	return func(row scanner) error {
		if *n++; r.first && *n > 1 {
			return nil
		}
		return r.row(row)
	}
}

// done is r's error after n rows (when it counts them: each).
func (r Read) done(n int) error {
	if n == 0 && r.none != nil {
		return r.none
	}
	return nil
}

// Read runs reads, none of which needs another's answer, through q: on
// PostgreSQL in a transaction or snapshot (DB.Tx, DB.Snapshot), all in
// one round trip (pgPipeline) — with the statements that begin it when
// none has been sent yet (firstRead) — and elsewhere (SQLite, outside
// a transaction, in a Savepoint, a single read) one after another. Each
// sees what its statement would see run on its own there; in a snapshot,
// the same snapshot. The first read that fails is the error, named as
// its query method names it (ErrNotFound as it is); on PostgreSQL the
// reads after it then fail too (the transaction is aborted), as a
// statement after a failed one does.
func (q *Queries) Read(ctx context.Context, reads ...Read) error {
	if err := q.flushEvents(ctx); err != nil { // a timeline read sees the entries kept so far
		return err
	}
	if c, ok := q.q.(conn); ok && len(reads) > 1 {
		if raw, ok := c.pipelines(); ok {
			return c.readPipelined(ctx, raw, reads, false)
		}
	}
	for _, r := range reads {
		if err := r.run(ctx, q.q); err != nil {
			return err
		}
	}
	return nil
}

// run runs r on its own through q.
func (r Read) run(ctx context.Context, q querier) error {
	if r.query == "" {
		return r.done(0)
	}
	if !r.first && r.none == nil { // no count needed (each)
		return queryEach(ctx, q, r.what, r.row, r.query, r.args...)
	}
	n := 0
	if err := queryEach(ctx, q, r.what, r.each(&n), r.query, r.args...); err != nil {
		return err
	}
	return r.done(n)
}

// Pipelines reports whether Read sends several reads through q in one
// round trip (PostgreSQL, in a transaction or snapshot): elsewhere they
// run one after another, as they would one by one, and batching them
// saves nothing.
func (q *Queries) Pipelines() bool {
	c, ok := q.q.(conn)
	if !ok {
		return false
	}
	_, ok = c.pipelines()
	return ok
}

// pipelines returns c's connection when c's statements may go as one
// pipeline: on PostgreSQL, in a transaction or snapshot held on one
// connection, not in a Savepoint (which sets itself before its first
// statement, on its own).
func (c conn) pipelines() (*sql.Conn, bool) {
	raw, ok := c.raw.(*sql.Conn)
	return raw, ok && c.d.backend == PostgreSQL && c.tx != nil && c.sp == nil
}

// readPipelined is Read on PostgreSQL: reads as one pipeline on raw, c's
// transaction's connection, after the statements that begin it if they
// have not been sent yet, and with commit, before its COMMIT (ReadLast).
func (c conn) readPipelined(ctx context.Context, raw *sql.Conn, reads []Read, commit bool) error {
	t := c.tx
	if t.beginErr != nil {
		return t.beginErr
	}
	if err := c.sendLater(ctx); err != nil {
		return err
	}
	if t.unbegun != nil && !slices.ContainsFunc(reads, func(r Read) bool { return r.query != "" }) {
		return readsDone(reads, make([]int, len(reads))) // nothing to read: nothing to begin (nor end)
	}
	steps := t.beginSteps()
	begin := len(steps)
	counts := make([]int, len(reads))
	at := make([]int, len(reads)) // each read's step; -1 for one without a statement
	for i, r := range reads {
		if at[i] = -1; r.query == "" {
			continue
		}
		at[i] = len(steps)
		c.d.beforeStatement(ctx, r.query)
		steps = append(steps, pgStep{query: c.d.query(r.query), args: args(r.args), row: r.each(&counts[i])})
	}
	leaves := pgInTx
	if commit {
		steps, leaves = append(steps, pgStep{query: "COMMIT"}), pgIdle // a failed read skips it: rolled back
	}
	answers, err := pgPipeline(ctx, raw, steps, leaves)
	failed := func() error { // the read that failed, else the first skipped
		var skipped error
		for i, r := range reads {
			if at[i] < 0 || answers[at[i]].err == nil {
				continue
			}
			e := fmt.Errorf("db: %s: %w", r.what, answers[at[i]].err)
			if !errors.Is(e, errSkipped) {
				return e
			}
			if skipped == nil {
				skipped = e
			}
		}
		return skipped
	}
	for _, an := range answers[:begin] {
		if an.err == nil {
			continue
		}
		// Not begun (a read that could not be prepared skips the
		// BEGIN too): every statement after fails, never runs outside
		// the transaction.
		t.beginErr = fmt.Errorf("db: begin: %w", an.err)
		if errors.Is(an.err, errSkipped) {
			if e := failed(); e != nil {
				t.beginErr = e
			}
		}
		return t.beginErr
	}
	if e := failed(); e != nil {
		return e
	}
	if err != nil { // the COMMIT's, or the connection's
		return fmt.Errorf("db: read: %w", err)
	}
	if commit && answers[len(answers)-1].tag.String() != "COMMIT" {
		return fmt.Errorf("db: end snapshot: %w", errRolledBack)
	}
	return readsDone(reads, counts)
}

// readsDone ends reads, each after its count of rows.
func readsDone(reads []Read, counts []int) error {
	for i, r := range reads {
		if err := r.done(counts[i]); err != nil {
			return err
		}
	}
	return nil
}

// readAll is a Read of every row of query, scanned with scan, appended
// to *out (nil first).
func readAll[T any](what string, out *[]T, scan func(scanner) (T, error), query string, a ...any) Read {
	*out = nil
	return Read{what: what, query: query, args: a, row: func(row scanner) error {
		v, err := scan(row)
		*out = append(*out, v)
		return err
	}}
}

// readOne is a Read of query's first row into *out, scanned with scan
// (the rows after it are not scanned, as *sql.Row's); ErrNotFound when
// it has none.
func readOne[T any](what string, out *T, scan func(scanner) (T, error), query string, a ...any) Read {
	r := readFirst(what, out, scan, query, a...)
	r.none = ErrNotFound
	return r
}

// readFirst is readOne, with *out the zero T when there is no row.
func readFirst[T any](what string, out *T, scan func(scanner) (T, error), query string, a ...any) Read {
	*out = *new(T)
	return Read{what: what, query: query, args: a, first: true, row: func(row scanner) error {
		var err error
		*out, err = scan(row)
		return err
	}}
}

// readMap is a Read of every row of query into *out (a new map), each
// scanned with scan into a key and its value (a later row's value
// replaces an earlier one's of the same key), as queryMap.
func readMap[K comparable, V any](what string, out *map[K]V, scan func(scanner) (K, V, error), query string, a ...any) Read {
	m := map[K]V{}
	*out = m
	return Read{what: what, query: query, args: a, row: func(row scanner) error {
		k, v, err := scan(row)
		m[k] = v
		return err
	}}
}

// ReadLast is Read for a snapshot's last reads (DB.Snapshot): on
// PostgreSQL the snapshot's COMMIT goes in the same round trip (one
// fewer), and on either backend any statement run through q after it
// fails (errSnapshotEnded). Anywhere but in a snapshot, it is Read. A
// COMMIT that fails is its error; a read that fails is, as Read's, and
// the snapshot is rolled back.
func (q *Queries) ReadLast(ctx context.Context, reads ...Read) error {
	c, ok := q.q.(conn)
	if !ok || c.tx == nil || !c.tx.snapshot || c.tx.ended || c.sp != nil {
		return q.Read(ctx, reads...)
	}
	t := c.tx
	var err error
	if raw, ok := c.pipelines(); ok {
		err = c.readPipelined(ctx, raw, reads, true)
	} else {
		err = q.Read(ctx, reads...)
	}
	t.ended = true
	if t.beginErr == nil {
		t.beginErr = errSnapshotEnded
	}
	return err
}
