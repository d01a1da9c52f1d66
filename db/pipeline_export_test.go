package db

import (
	"context"
	"database/sql"
	"errors"
)

// PipelineState runs queries (PostgreSQL's dialect, without arguments)
// as one pipeline (pgPipeline) on a connection of d's pool; idle says
// the pipeline is to leave it out of any transaction (pgIdle), else in
// the transaction it runs in (pgInTx). It returns each statement's
// error, whether PostgreSQL skipped it, and, read from another
// connection while it still holds this one, the state the pipeline left
// its server process in (pg_stat_activity's state; "" once closed).
func (d *DB) PipelineState(ctx context.Context, idle bool, queries ...string) (errs []error, skipped []bool, state string, err error) {
	c, err := d.sql.Conn(ctx)
	if err != nil {
		return nil, nil, "", err
	}
	defer c.Close()
	var pid int
	if err := c.QueryRowContext(ctx, "SELECT pg_backend_pid()").Scan(&pid); err != nil {
		return nil, nil, "", err
	}
	steps := make([]pgStep, len(queries))
	for i, q := range queries {
		steps[i] = pgStep{query: q}
	}
	leaves := pgInTx
	if idle {
		leaves = pgIdle
	}
	answers, _ := pgPipeline(ctx, c, steps, leaves)
	for _, a := range answers {
		errs = append(errs, a.err)
		skipped = append(skipped, errors.Is(a.err, errSkipped))
	}
	err = d.sql.QueryRowContext(ctx, "SELECT state FROM pg_stat_activity WHERE pid = $1", pid).Scan(&state)
	if errors.Is(err, sql.ErrNoRows) {
		err = nil
	}
	return errs, skipped, state, err
}
