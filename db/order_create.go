package db

import (
	"context"
	"database/sql/driver"
	"errors"
	"fmt"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/stdlib"
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
	err = c.Raw(func(dc any) error {
		pc := dc.(*stdlib.Conn).Conn()
		b := &pgx.Batch{}
		b.Queue(d.d.query(order.query), args(order.args)...)
		b.Queue(d.d.query(line.query), args(line.args)...)
		br := pc.SendBatch(ctx, b)
		err := br.QueryRow().Scan(&id)
		if err == nil {
			_, err = br.Exec()
		}
		err = errors.Join(err, br.Close())
		if pc.IsClosed() || pc.PgConn().TxStatus() != 'I' {
			return errors.Join(err, driver.ErrBadConn) // not returned to the pool
		}
		return err
	})
	if err != nil {
		return 0, fmt.Errorf("db: insert order: %w", err)
	}
	return id, nil
}
