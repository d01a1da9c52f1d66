package db

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"time"
)

// OrderMove is a change of an order's status, from From to To, that
// follows an attempt's settlement (SettleAttemptMovingOrder).
type OrderMove struct {
	ID       int64
	From, To string
}

// SettleAttemptMovingOrder is SettleAttempt and then, only if that
// settled the attempt, SetOrderStatus(move.ID, move.From, move.To, now)
// (nothing if move is nil): settled says whether the attempt was
// settled, moved whether the order was moved.
//
// On PostgreSQL in a transaction the two UPDATEs are one round trip (a
// pipeline): the order's is sent before the attempt's answer is known,
// so it carries a guard — it changes nothing unless the attempt is now
// as this settlement leaves it (its status, source and updated_at, the
// latter to the nanosecond). Should the order be moved while the
// attempt's UPDATE changed nothing (another writer left the attempt in
// exactly that state at the same nanosecond), it returns an error, so
// that the caller's transaction or savepoint is rolled back rather than
// committed half true. Elsewhere the two run one after the other.
//
// In a PostgreSQL transaction that read both rows with PrefetchAttempts,
// unchanged since and in the states the two expect, they are not sent
// now but kept for later (write_later.go): settled and moved are then
// true, and should either row not be so when they run, the transaction
// fails (ErrLaterWriteMissed) and commits nothing of it.
func (q *Queries) SettleAttemptMovingOrder(ctx context.Context, id int64, fromStatus, fromSource string, s Settlement, move *OrderMove, now time.Time) (settled, moved bool, err error) {
	c, ok := q.q.(conn)
	raw, onConn := c.raw.(*sql.Conn) // PostgreSQL's transactions (pgTx)
	if move == nil || !ok || !onConn || q.tx == nil || c.d.backend != PostgreSQL {
		if settled, err = q.SettleAttempt(ctx, id, fromStatus, fromSource, s, now); err != nil || !settled || move == nil {
			return settled, false, err
		}
		moved, err = q.SetOrderStatus(ctx, move.ID, move.From, move.To, now)
		return settled, moved, err
	}
	settle := settleAttemptStatement(id, fromStatus, fromSource, s, now)
	order := setOrderStatusStatement(move.ID, move.From, move.To, now)
	if q.tx.foretold(id, fromStatus, fromSource, s.PaymentID, move) {
		// Both rows are as read and as the writes expect: they are
		// kept for later, guarded (write_later.go).
		q.tx.forgetAttempt(id)
		q.tx.forgetOrder(move.ID)
		c.settleLater(settle, order)
		return true, true, nil
	}
	if err := c.tx.begin(ctx); err != nil {
		return false, false, err
	}
	if err := c.sendLater(ctx); err != nil {
		return false, false, err
	}
	if err := c.sp.ensure(ctx, c); err != nil {
		return false, false, err
	}
	q.tx.forgetAttempt(id)
	q.tx.forgetOrder(move.ID)
	order.query += ` AND EXISTS (SELECT 1 FROM payment_attempts WHERE id = ? AND status = ? AND final_source = ? AND updated_at = ?)`
	order.args = append(order.args, id, s.Status, s.Source, formatTime(now))
	c.tx.wrote(settle.query, true)
	c.tx.wrote(order.query, true)
	answers, err := pgPipeline(ctx, raw, []pgStep{
		{query: c.d.query(settle.query), args: args(settle.args)},
		{query: c.d.query(order.query), args: args(order.args)},
	}, pgInTx)
	if err != nil {
		return false, false, fmt.Errorf("db: settle attempt and move order: %w", err)
	}
	settled, moved = answers[0].tag.RowsAffected() == 1, answers[1].tag.RowsAffected() == 1
	if moved && !settled {
		return false, false, errors.New("db: settle attempt and move order: the order moved, the attempt did not")
	}
	return settled, moved, nil
}
