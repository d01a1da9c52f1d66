package db

import (
	"context"
	"errors"
	"fmt"
)

// pgSnapshotBegin begins a snapshot (DB.Snapshot) on PostgreSQL.
const pgSnapshotBegin = "BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY"

// errSnapshotEnded answers a statement run on a snapshot's Queries after
// DB.Snapshot returned.
var errSnapshotEnded = errors.New("db: the snapshot has ended")

// pgSnapshot is DB.Snapshot on PostgreSQL: fn runs on one connection of
// the pool, whose BEGIN is not sent before fn's first statement and goes
// with it (txState.unbegun: one round trip with a first read, firstRead).
// A snapshot in which fn sent nothing sends nothing to end.
func (d *DB) pgSnapshot(ctx context.Context, fn func(*Queries) error) error {
	c, err := d.sql.Conn(ctx)
	if err != nil {
		return fmt.Errorf("db: begin snapshot: %w", err)
	}
	defer c.Close()
	st := &txState{unbegun: c, beginWith: []string{pgSnapshotBegin}, snapshot: true}
	err = fn(&Queries{q: conn{raw: c, d: d.d, tx: st}})
	begun := st.unbegun == nil && !st.ended // ended: its COMMIT went with its last reads (ReadLast)
	st.unbegun, st.beginErr = nil, errSnapshotEnded
	end := "COMMIT"
	if err != nil {
		end = "ROLLBACK"
	}
	var endErr error
	if begun {
		// Unless PostgreSQL answers it, the connection is closed, not
		// kept (pgEnd).
		endErr = pgEnd(ctx, c, end, nil)
	}
	switch {
	case err != nil:
		return endedBy(ctx, err)
	case ctx.Err() != nil:
		// Ended while fn read: what ends the snapshot is ctx.
		return fmt.Errorf("db: end snapshot: %w", errors.Join(ctx.Err(), endErr))
	case endErr != nil:
		return fmt.Errorf("db: end snapshot: %w", endErr)
	}
	return nil
}
