package db

import (
	"context"
	"database/sql"
	"database/sql/driver"
	"errors"
	"fmt"

	"github.com/jackc/pgx/v5/stdlib"
)

// pgBegin opens a PostgreSQL transaction and takes DB.Tx's advisory lock
// in one round trip: one simple-protocol message of two statements, so
// the lock is taken inside the transaction it belongs to, as before.
var pgBegin = fmt.Sprintf("BEGIN; SELECT pg_advisory_xact_lock(%d)", txLockKey)

// errRolledBack means PostgreSQL answered a COMMIT by rolling back: a
// statement of the transaction had failed.
var errRolledBack = errors.New("the transaction was rolled back (a statement in it failed)")

// pgTx is DB.Tx on PostgreSQL: the transaction runs on one connection of
// the pool, held from BEGIN to COMMIT or ROLLBACK (what *sql.Tx does),
// with BEGIN and the advisory lock sent together. A connection that
// cannot be brought back out of its transaction — a failed ROLLBACK, a
// panic in fn — is closed, never returned to the pool, so that nothing
// keeps holding the lock (PostgreSQL ends the transaction with it).
func (d *DB) pgTx(ctx context.Context, fn func(*Queries) error) error {
	c, err := d.sql.Conn(ctx)
	if err != nil {
		return fmt.Errorf("db: begin: %w", err)
	}
	open := true // the connection may be in the transaction still
	defer func() {
		if open {
			pgDiscard(c)
		}
		c.Close()
	}()
	if _, err := c.ExecContext(ctx, pgBegin); err != nil {
		return fmt.Errorf("db: begin: %w", err)
	}
	q := &Queries{q: conn{raw: c, d: d.d}, pending: new([]Event)}
	err = fn(q)
	if err == nil {
		err = q.flushEvents(ctx)
	}
	open = false // pgEnd ends the transaction or closes the connection
	if err != nil {
		pgEnd(context.WithoutCancel(ctx), c, "ROLLBACK")
		return err
	}
	if err := pgEnd(ctx, c, "COMMIT"); err != nil {
		return fmt.Errorf("db: commit: %w", err)
	}
	return nil
}

// pgEnd sends COMMIT or ROLLBACK on c. Unless the connection is then out
// of any transaction, it is closed rather than kept. A COMMIT that
// PostgreSQL turned into a rollback is errRolledBack.
func pgEnd(ctx context.Context, c *sql.Conn, end string) error {
	var ended error
	err := c.Raw(func(dc any) error {
		pc := dc.(*stdlib.Conn).Conn()
		tag, err := pc.Exec(ctx, end)
		if err == nil && end == "COMMIT" && tag.String() != "COMMIT" {
			ended = errRolledBack
		}
		if err != nil || pc.PgConn().TxStatus() != 'I' {
			ended = errors.Join(ended, err)
			return driver.ErrBadConn // closes the connection
		}
		return nil
	})
	if ended != nil {
		return ended
	}
	if errors.Is(err, driver.ErrBadConn) {
		return errors.New("db: the connection was left in a transaction and closed")
	}
	return err
}

// pgDiscard closes c's connection instead of returning it to the pool.
func pgDiscard(c *sql.Conn) {
	c.Raw(func(any) error { return driver.ErrBadConn })
}
