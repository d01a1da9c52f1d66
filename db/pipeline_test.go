package db_test

import (
	"testing"

	"antom-checkout/db"
	"antom-checkout/db/dbtest"
)

const insertLine = `INSERT INTO events (at, subject, kind, detail, actor, http_request_id)
	VALUES ('2026-01-01T00:00:00Z', 's', 'state', 'kept?', '', '')`

// A pipeline whose statement fails mid-way keeps nothing of it — the
// statements before it ran in the same implicit transaction, those after
// it are skipped — and each statement says how it went, in order.
func TestPipelineFailedStatementKeepsNothing(t *testing.T) {
	d := dbtest.OpenOn(t, db.PostgreSQL)
	errs, skipped, state, err := d.PipelineState(ctx, true, insertLine, divideByZero, insertLine)
	check(t, err)
	if len(errs) != 3 || errs[0] != nil || errs[1] == nil || errs[2] == nil {
		t.Fatalf("errors %v: want the second statement's only, and the third skipped", errs)
	}
	eq(t, skipped, []bool{false, false, true}, "the statements skipped")
	eq(t, state, "idle", "the connection's state after the pipeline")
	events, err := d.Events(ctx, "s")
	check(t, err)
	eq(t, len(events), 0, "lines kept of the failed pipeline")

	// A statement PostgreSQL cannot prepare: none runs.
	errs, skipped, _, err = d.PipelineState(ctx, true, insertLine, `SELECT no_such_column FROM events`, insertLine)
	check(t, err)
	if errs[1] == nil {
		t.Fatalf("errors %v: want the second statement's", errs)
	}
	eq(t, skipped, []bool{true, false, true}, "the statements skipped when one cannot be prepared")
	events, err = d.Events(ctx, "s")
	check(t, err)
	eq(t, len(events), 0, "lines kept of the pipeline that could not be prepared")
}

// divideByZero fails when it runs, not when it is prepared.
const divideByZero = `SELECT 1 / count(*) FROM events WHERE false`

// A pipeline meant to end outside any transaction that a failed
// statement left in one (its COMMIT skipped) is rolled back before its
// connection goes back to the pool: the connection is idle, holding no
// lock, never idle in an aborted transaction.
func TestPipelineLeftInTransactionIsRolledBack(t *testing.T) {
	d := dbtest.OpenOn(t, db.PostgreSQL)
	errs, skipped, state, err := d.PipelineState(ctx, true, "BEGIN", `SELECT pg_advisory_xact_lock(42)`, insertLine,
		divideByZero, "COMMIT")
	check(t, err)
	if errs[3] == nil || !skipped[4] {
		t.Fatalf("errors %v: want the fourth statement's, and the COMMIT skipped", errs)
	}
	eq(t, state, "idle", "the connection's state after the pipeline")
	events, err := d.Events(ctx, "s")
	check(t, err)
	eq(t, len(events), 0, "lines kept of the rolled back transaction")

	// Inside a transaction its owner ends, the pipeline leaves it be.
	_, _, state, err = d.PipelineState(ctx, false, "BEGIN", divideByZero)
	check(t, err)
	eq(t, state, "idle in transaction (aborted)", "the connection's state after a pipeline in a transaction")
}
