package db

import (
	"context"
	"database/sql"
	"database/sql/driver"
	"errors"
	"slices"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgconn"
	"github.com/jackc/pgx/v5/stdlib"
)

// pgStep is one statement of a pipeline (pgPipeline), in PostgreSQL's
// dialect (args already through args()).
type pgStep struct {
	query string
	args  []any
	// row, if set, is called with each row the statement returns (a
	// pgxRow), in order; its first error is the statement's, and the
	// rows after it are not read.
	row func(scanner) error
}

// pgAnswer is PostgreSQL's answer to one statement of a pipeline.
type pgAnswer struct {
	tag pgconn.CommandTag // rows affected, or COMMIT / ROLLBACK
	// err is the statement's error; errSkipped (joined with the error
	// that made it skip) for a statement PostgreSQL did not run.
	err error
}

// errSkipped marks the statements of a pipeline that PostgreSQL did not
// run: those after one that failed, or all but the one that could not be
// prepared.
var errSkipped = errors.New("not run: a statement before it in the pipeline failed")

// pgLeaves says in which state a pipeline leaves its connection.
type pgLeaves int

const (
	// pgInTx: the pipeline runs in a transaction (or begins one) that its
	// owner ends later; whatever state it leaves is the owner's to end.
	pgInTx pgLeaves = iota
	// pgIdle: the pipeline ends outside any transaction (one implicit
	// transaction, or one it ends with COMMIT or ROLLBACK). A connection
	// it leaves in a transaction — a failed statement skipped the COMMIT —
	// is rolled back, and closed if even that does not bring it out.
	pgIdle
)

// pgPipeline sends steps on c as one pipeline — one round trip — and
// reads PostgreSQL's answers, one per step, in order; err is the first
// step's error, with anything that went wrong with the connection. Once a
// step fails PostgreSQL skips the rest (errSkipped); if they ran in one
// implicit transaction (no BEGIN before them), none of them is kept.
//
// The connection never goes back to c's pool in the middle of a pipeline
// or in a state leaves does not allow: if reading the answers fails
// (ctx ended, the network broke, a row callback panicked), or the
// connection is closed, it is closed rather than kept (driver.ErrBadConn);
// c then answers every statement with sql.ErrConnDone.
func pgPipeline(ctx context.Context, c *sql.Conn, steps []pgStep, leaves pgLeaves) ([]pgAnswer, error) {
	out := make([]pgAnswer, len(steps))
	var failed error // what is reported: the steps' errors, not the connection's fate
	err := c.Raw(func(dc any) error {
		pc := dc.(*stdlib.Conn).Conn()
		failed = pgRun(ctx, pc, steps, out)
		if leaves == pgIdle && !pc.IsClosed() && pc.PgConn().TxStatus() != 'I' {
			_, err := pc.Exec(context.WithoutCancel(ctx), "ROLLBACK")
			failed = errors.Join(failed, err)
		}
		if pc.IsClosed() || pc.PgConn().IsBusy() || (leaves == pgIdle && pc.PgConn().TxStatus() != 'I') {
			return driver.ErrBadConn // closes the connection
		}
		return nil
	})
	if failed != nil {
		return out, failed
	}
	if errors.Is(err, driver.ErrBadConn) {
		return out, errors.New("the connection was left in a transaction and closed")
	}
	return out, err
}

// pgRun sends steps on pc and fills out with their answers. A single step
// without arguments or rows goes as one simple query, as pc.Exec sends it.
func pgRun(ctx context.Context, pc *pgx.Conn, steps []pgStep, out []pgAnswer) error {
	switch {
	case len(steps) == 0:
		return nil
	case len(steps) == 1 && len(steps[0].args) == 0 && steps[0].row == nil:
		out[0].tag, out[0].err = pc.Exec(ctx, steps[0].query)
		return out[0].err
	}
	b := &pgx.Batch{}
	for _, s := range steps {
		b.Queue(s.query, s.args...)
	}
	br := pc.SendBatch(ctx, b)
	defer br.Close()      // on a panic too: pgx then closes the connection if it cannot read on
	var first, skip error // the first error; the one that makes PostgreSQL skip the rest
	for i, s := range steps {
		if skip != nil {
			out[i].err = errors.Join(errSkipped, skip)
			continue
		}
		var scanErr error
		if s.row == nil {
			out[i].tag, out[i].err = br.Exec()
		} else {
			out[i].tag, out[i].err, scanErr = pgRows(br, s.row)
		}
		if out[i].err != nil {
			skip = out[i].err
		} else if scanErr != nil {
			out[i].err = scanErr // ours: PostgreSQL runs the rest
		}
		if out[i].err != nil && first == nil {
			first = out[i].err
		}
	}
	if err := br.Close(); err != nil && first == nil {
		first = err
	}
	var pre pgx.ErrPreprocessingBatch
	if errors.As(skip, &pre) {
		// Preparing the statements (or encoding their arguments) failed:
		// none of them ran.
		at := slices.IndexFunc(steps, func(s pgStep) bool { return s.query == pre.SQL() })
		for i := range out {
			if out[i] = (pgAnswer{err: errors.Join(errSkipped, skip)}); i == at {
				out[i].err = skip
			}
		}
	}
	return first
}

// pgRows reads the rows of the batch's next statement into row: err is
// PostgreSQL's, scanErr row's first (the rows after it are not read).
func pgRows(br pgx.BatchResults, row func(scanner) error) (tag pgconn.CommandTag, err, scanErr error) {
	rows, err := br.Query()
	if err != nil {
		return pgconn.CommandTag{}, err, nil
	}
	defer rows.Close()
	for scanErr == nil && rows.Next() {
		scanErr = row(pgxRow{rows})
	}
	rows.Close()
	return rows.CommandTag(), rows.Err(), scanErr
}

// pgxRow scans a pgx row as database/sql scans our columns: PostgreSQL's
// integers into a bool (stored as 0 or 1) too.
type pgxRow struct{ rows pgx.Rows }

func (r pgxRow) Scan(dest ...any) error {
	var bools []*bool
	ints := make([]int64, len(dest))
	dest = slices.Clone(dest)
	for i, d := range dest {
		if b, ok := d.(*bool); ok {
			bools = append(bools, b)
			dest[i] = &ints[len(bools)-1]
		}
	}
	if err := r.rows.Scan(dest...); err != nil {
		return err
	}
	for i, b := range bools {
		*b = ints[i] != 0
	}
	return nil
}
