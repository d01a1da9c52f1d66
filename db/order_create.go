package db

import (
	"context"
	"fmt"
)

// InsertOrderWithEvent creates an order as InsertOrder does, together
// with e, the first line of its timeline: both are written or neither.
// On SQLite that is one transaction (one commit instead of two); on
// PostgreSQL one round trip — the two statements sent as one pipeline,
// which PostgreSQL runs as one implicit transaction — without DB.Tx's
// advisory lock, since nothing is read and checked. It returns the
// order's id.
func (d *DB) InsertOrderWithEvent(ctx context.Context, o Order, e Event) (int64, error) {
	if d.d.backend != PostgreSQL {
		var id int64
		err := d.Tx(ctx, func(q *Queries) error {
			var err error
			if id, err = q.InsertOrder(ctx, o); err != nil {
				return err
			}
			return q.InsertEvent(ctx, e)
		})
		return id, err
	}
	order, line := orderInsert(o), eventInserts([]Event{e})[0]
	c, err := d.sql.Conn(ctx)
	if err != nil {
		return 0, fmt.Errorf("db: insert order: %w", err)
	}
	defer c.Close()
	var id int64
	_, err = pgPipeline(ctx, c, []pgStep{
		{query: d.d.query(order.query), args: args(order.args), row: func(row scanner) error { return row.Scan(&id) }},
		{query: d.d.query(line.query), args: args(line.args)},
	}, pgIdle)
	if err != nil {
		return 0, fmt.Errorf("db: insert order: %w", err)
	}
	return id, nil
}
