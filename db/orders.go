package db

import (
	"context"
	"fmt"
	"time"
)

// Order statuses. OPEN awaits payment (earlier attempts may have failed);
// PROCESSING has an attempt whose outcome is not known yet; AUTHORIZED
// holds a card authorization waiting for staff to capture or void it;
// PAID and VOIDED are final.
const (
	OrderOpen       = "OPEN"
	OrderProcessing = "PROCESSING"
	OrderAuthorized = "AUTHORIZED"
	OrderPaid       = "PAID"
	OrderVoided     = "VOIDED"
)

// Order is what a buyer (or a guest) is buying, at the server's price.
type Order struct {
	ID        int64
	Ref       string // our public order id, also Antom's referenceOrderId
	BuyerID   int64  // 0 for a guest
	ProductID int64
	Quantity  int
	Currency  string
	Amount    int64
	Status    string
	PaidAt    time.Time
	CreatedAt time.Time
	UpdatedAt time.Time
}

const orderColumns = `id, ref, COALESCE(buyer_id, 0), product_id, quantity, currency, amount, status,
	paid_at, created_at, updated_at`

func scanOrder(row scanner) (Order, error) {
	var o Order
	var paid, created, updated string
	err := row.Scan(&o.ID, &o.Ref, &o.BuyerID, &o.ProductID, &o.Quantity, &o.Currency, &o.Amount, &o.Status,
		&paid, &created, &updated)
	o.PaidAt, o.CreatedAt, o.UpdatedAt = parseTime(paid), parseTime(created), parseTime(updated)
	return o, err
}

// InsertOrder creates an order.
func (q *Queries) InsertOrder(ctx context.Context, o Order) (int64, error) {
	id, err := insertID(ctx, q.q, `INSERT INTO orders (ref, buyer_id, product_id, quantity, currency,
		amount, status, created_at, updated_at) VALUES (?, NULLIF(?, 0), ?, ?, ?, ?, ?, ?, ?) RETURNING id`,
		o.Ref, o.BuyerID, o.ProductID, o.Quantity, o.Currency, o.Amount, o.Status,
		formatTime(o.CreatedAt), formatTime(o.CreatedAt))
	if err != nil {
		return 0, fmt.Errorf("db: insert order: %w", err)
	}
	return id, nil
}

// OrderByRef returns an order; ErrNotFound if there is none.
func (q *Queries) OrderByRef(ctx context.Context, ref string) (Order, error) {
	if !IsText(ref) {
		return Order{}, ErrNotFound
	}
	return q.order(ctx, `WHERE ref = ?`, ref)
}

// OrderByID returns an order; ErrNotFound if there is none.
func (q *Queries) OrderByID(ctx context.Context, id int64) (Order, error) {
	return q.order(ctx, `WHERE id = ?`, id)
}

func (q *Queries) order(ctx context.Context, where string, arg any) (Order, error) {
	return queryOne(ctx, q.q, "order", scanOrder, `SELECT `+orderColumns+` FROM orders `+where, arg)
}

// SetOrderStatus moves an order from one status to another; false if it
// was not in from. PAID sets the paid time; OPEN (nothing paid, e.g. a
// paid payment cancelled at Antom) clears it.
func (q *Queries) SetOrderStatus(ctx context.Context, id int64, from, to string, now time.Time) (bool, error) {
	paid := ""
	if to == OrderPaid {
		paid = formatTime(now)
	}
	return q.changed(ctx, "set order status", `UPDATE orders SET status = ?,
		paid_at = CASE WHEN ? != '' THEN ? WHEN ? = 'OPEN' THEN '' ELSE paid_at END,
		updated_at = ? WHERE id = ? AND status = ?`, to, paid, paid, to, formatTime(now), id, from)
}

// ClaimGuestOrder gives a guest's order to the buyer who just signed in.
func (q *Queries) ClaimGuestOrder(ctx context.Context, ref string, buyerID int64, now time.Time) (bool, error) {
	if !IsText(ref) {
		return false, nil
	}
	return q.changed(ctx, "claim order", `UPDATE orders SET buyer_id = ?, updated_at = ?
		WHERE ref = ? AND buyer_id IS NULL`, buyerID, formatTime(now), ref)
}
