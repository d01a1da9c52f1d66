package db

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strings"
)

// OrderSearch selects orders for the admin list. Text matches part of an
// order ref or buyer email, ignoring case, or a whole paymentRequestId or
// paymentId. Refund narrows by refunds: "none", "partial", "full" (of
// what was paid) or "processing" (a refund not final yet). Attempts
// narrows by the latest payment attempt: "any" (there is one), "none", or
// "failed" (it failed and the order is still open).
type OrderSearch struct {
	Text     string
	Status   string // an orders.status value, or "" for any
	Refund   string
	Attempts string
	Limit    int
	Offset   int
}

// OrderListRow is an order with what the admin list shows beside it.
type OrderListRow struct {
	Order
	BuyerEmail       string // "" for a guest
	Method           string // of the latest attempt, "" if none
	Refunded         int64  // refunds that succeeded
	RefundProcessing bool   // a refund is not final yet
	LastAttempt      string // the status of the latest attempt, "" if none
}

// SearchOrders returns the orders matching s, newest first.
func (q *Queries) SearchOrders(ctx context.Context, s OrderSearch) ([]OrderListRow, error) {
	where, args := orderSearchWhere(s)
	args = append(args, s.Limit, s.Offset)
	rows, err := q.q.QueryContext(ctx, `SELECT id, ref, buyer_id, product_id, quantity, currency, amount, status,
		paid_at, created_at, updated_at, email, method, refunded, refund_processing, last_attempt FROM (
			SELECT o.id, o.ref, COALESCE(o.buyer_id, 0) AS buyer_id, o.product_id, o.quantity, o.currency,
				o.amount, o.status, o.paid_at, o.created_at, o.updated_at, COALESCE(b.email, '') AS email,
				COALESCE((SELECT a.method FROM payment_attempts a WHERE a.order_id = o.id AND a.surplus = 0
					ORDER BY CASE WHEN a.status = 'SUCCESS' THEN 0 ELSE 1 END, a.id DESC LIMIT 1), '') AS method,
				COALESCE((SELECT SUM(r.amount) FROM refunds r WHERE r.order_id = o.id AND r.status = 'SUCCESS' AND r.automatic = 0), 0) AS refunded,
				EXISTS (SELECT 1 FROM refunds r WHERE r.order_id = o.id AND r.status = 'PROCESSING' AND r.automatic = 0) AS refund_processing,
				COALESCE((SELECT a.status FROM payment_attempts a WHERE a.order_id = o.id AND a.surplus = 0
					ORDER BY a.id DESC LIMIT 1), '') AS last_attempt
			FROM orders o LEFT JOIN buyers b ON b.id = o.buyer_id
		) AS l `+where+` ORDER BY id DESC LIMIT ? OFFSET ?`, args...)
	if err != nil {
		return nil, fmt.Errorf("db: search orders: %w", err)
	}
	defer rows.Close()
	var out []OrderListRow
	for rows.Next() {
		var r OrderListRow
		var paid, created, updated string
		if err := rows.Scan(&r.ID, &r.Ref, &r.BuyerID, &r.ProductID, &r.Quantity, &r.Currency, &r.Amount, &r.Status,
			&paid, &created, &updated, &r.BuyerEmail, &r.Method, &r.Refunded, &r.RefundProcessing, &r.LastAttempt); err != nil {
			return nil, fmt.Errorf("db: search orders: %w", err)
		}
		r.PaidAt, r.CreatedAt, r.UpdatedAt = parseTime(paid), parseTime(created), parseTime(updated)
		out = append(out, r)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("db: search orders: %w", err)
	}
	return out, nil
}

func orderSearchWhere(s OrderSearch) (string, []any) {
	var conds []string
	var args []any
	if s.Text != "" {
		like := "%" + escapeLike(s.Text) + "%"
		conds = append(conds, `(lower(l.ref) LIKE lower(?) ESCAPE '\' OR lower(l.email) LIKE lower(?) ESCAPE '\' OR EXISTS (
			SELECT 1 FROM payment_attempts a WHERE a.order_id = l.id AND (a.payment_request_id = ? OR a.payment_id = ?)))`)
		args = append(args, like, like, s.Text, s.Text)
	}
	if s.Status != "" {
		conds = append(conds, `l.status = ?`)
		args = append(args, s.Status)
	}
	switch s.Refund {
	case "none":
		conds = append(conds, `l.refunded = 0`)
	case "partial":
		conds = append(conds, `l.refunded > 0 AND l.refunded < l.amount`)
	case "full":
		conds = append(conds, `l.refunded > 0 AND l.refunded >= l.amount`)
	case "processing":
		conds = append(conds, `l.refund_processing`)
	}
	switch s.Attempts {
	case "any":
		conds = append(conds, `l.last_attempt != ''`)
	case "none":
		conds = append(conds, `l.last_attempt = ''`)
	case "failed":
		conds = append(conds, `l.status = 'OPEN' AND l.last_attempt = 'FAIL'`)
	}
	if len(conds) == 0 {
		return "", nil
	}
	return "WHERE " + strings.Join(conds, " AND "), args
}

// escapeLike makes s match literally inside a LIKE pattern with ESCAPE '\'.
func escapeLike(s string) string {
	return strings.NewReplacer(`\`, `\\`, `%`, `\%`, `_`, `\_`).Replace(s)
}

// AttemptsOfOrder returns an order's payment attempts, oldest first.
func (q *Queries) AttemptsOfOrder(ctx context.Context, orderID int64) ([]Attempt, error) {
	rows, err := q.q.QueryContext(ctx, `SELECT `+attemptColumns+` FROM payment_attempts WHERE order_id = ? ORDER BY id`, orderID)
	if err != nil {
		return nil, fmt.Errorf("db: attempts of order: %w", err)
	}
	defer rows.Close()
	var out []Attempt
	for rows.Next() {
		a, err := scanAttempt(rows)
		if err != nil {
			return nil, fmt.Errorf("db: attempts of order: %w", err)
		}
		out = append(out, a)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("db: attempts of order: %w", err)
	}
	return out, nil
}

// SuccessfulAttempt returns the attempt that paid an order (never a
// surplus one); ErrNotFound if none did.
func (q *Queries) SuccessfulAttempt(ctx context.Context, orderID int64) (Attempt, error) {
	return q.attempt(ctx, `WHERE order_id = ? AND status = 'SUCCESS' AND surplus = 0 ORDER BY id DESC LIMIT 1`, orderID)
}

// PayingAndOpenAttempts returns, in one query, the attempt other than
// except that paid an order (SUCCESS, not surplus; the oldest) and one other attempt of it
// still PROCESSING; a zero Attempt (ID 0) for either that is not there.
func (q *Queries) PayingAndOpenAttempts(ctx context.Context, orderID, except int64) (paying, open Attempt, err error) {
	both, err := queryAll(ctx, q.q, "paying and open attempts", scanAttempt, `SELECT `+attemptColumns+` FROM payment_attempts
		WHERE order_id = ? AND id != ? AND ((status = 'SUCCESS' AND surplus = 0) OR status = 'PROCESSING')
		ORDER BY id`, orderID, except)
	for _, a := range both {
		switch {
		case a.Status == AttemptSuccess && paying.ID == 0:
			paying = a
		case a.Status == AttemptProcessing && open.ID == 0:
			open = a
		}
	}
	return paying, open, err
}

// BuyerEmail returns a buyer's email, "" for id 0 or an unknown id.
func (q *Queries) BuyerEmail(ctx context.Context, id int64) (string, error) {
	if id == 0 {
		return "", nil
	}
	var email string
	err := q.q.QueryRowContext(ctx, `SELECT email FROM buyers WHERE id = ?`, id).Scan(&email)
	if errors.Is(err, sql.ErrNoRows) {
		return "", nil
	}
	if err != nil {
		return "", fmt.Errorf("db: buyer email: %w", err)
	}
	return email, nil
}
