package db

import (
	"context"
	"fmt"
	"time"
)

// Order statuses. OPEN awaits payment (earlier attempts may have failed);
// PROCESSING has an attempt whose outcome is not known yet; AUTHORIZED
// holds a card authorization waiting for staff to capture or void it;
// PAID, VOIDED and EXPIRED (an authorization neither captured nor voided
// before its authExpiryTime: nothing was charged) are final.
const (
	OrderOpen       = "OPEN"
	OrderProcessing = "PROCESSING"
	OrderAuthorized = "AUTHORIZED"
	OrderPaid       = "PAID"
	OrderVoided     = "VOIDED"
	OrderExpired    = "EXPIRED"
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
	// GuestKey ties a guest's order to the browser that made it (its
	// session's guest key); "" for a buyer's order, and as lists and
	// joins read it: only OrderByRef, OrderByID and the order-and-attempt
	// reads carry it. A secret: never shown, logged or sent.
	GuestKey string
}

const orderColumns = `id, ref, COALESCE(buyer_id, 0), product_id, quantity, currency, amount, status,
	paid_at, created_at, updated_at`

// orderKeyColumns are orderColumns and the guest key (scanOrderKeyed).
const orderKeyColumns = orderColumns + `, COALESCE(guest_key, '')`

func scanOrderKeyed(row scanner) (Order, error) {
	var key string
	o, err := scanOrderAnd(row, &key)
	o.GuestKey = key
	return o, err
}

func scanOrder(row scanner) (Order, error) { return scanOrderAnd(row) }

// scanOrderAnd scans orderColumns, then into more.
func scanOrderAnd(row scanner, more ...any) (Order, error) {
	var o Order
	var paid, created, updated string
	err := row.Scan(append([]any{&o.ID, &o.Ref, &o.BuyerID, &o.ProductID, &o.Quantity, &o.Currency, &o.Amount, &o.Status,
		&paid, &created, &updated}, more...)...)
	o.PaidAt, o.CreatedAt, o.UpdatedAt = parseTime(paid), parseTime(created), parseTime(updated)
	return o, err
}

// InsertOrder creates an order: a buyer's (BuyerID), or a guest's
// (GuestKey; a buyer's order names no guest_key, so that the statement
// also runs on a schema from before guest keys, as migration tests
// build).
func (q *Queries) InsertOrder(ctx context.Context, o Order) (int64, error) {
	st := orderInsert(o)
	id, err := insertID(ctx, q.q, st.query, st.args...)
	if err != nil {
		return 0, fmt.Errorf("db: insert order: %w", err)
	}
	return id, nil
}

// orderInsert is InsertOrder's statement (INSERT … RETURNING id).
func orderInsert(o Order) statement {
	column, value, args := "", "", []any{o.Ref, o.BuyerID}
	if o.GuestKey != "" {
		column, value, args = ", guest_key", ", ?", append(args, o.GuestKey)
	}
	args = append(args, o.ProductID, o.Quantity, o.Currency, o.Amount, o.Status, formatTime(o.CreatedAt), formatTime(o.CreatedAt))
	return statement{`INSERT INTO orders (ref, buyer_id` + column + `, product_id, quantity, currency,
		amount, status, created_at, updated_at) VALUES (?, NULLIF(?, 0)` + value + `, ?, ?, ?, ?, ?, ?, ?) RETURNING id`, args}
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
	return queryOne(ctx, q.q, "order", scanOrderKeyed, `SELECT `+orderKeyColumns+` FROM orders `+where, arg)
}

// SetOrderStatus moves an order from one status to another; false if it
// was not in from. PAID sets the paid time; OPEN (nothing paid, e.g. a
// paid payment cancelled at Antom) clears it.
func (q *Queries) SetOrderStatus(ctx context.Context, id int64, from, to string, now time.Time) (bool, error) {
	q.tx.forgetOrder(id)
	st := setOrderStatusStatement(id, from, to, now)
	return q.declaredWrite().changed(ctx, "set order status", st.query, st.args...)
}

// setOrderStatusStatement is SetOrderStatus's UPDATE.
func setOrderStatusStatement(id int64, from, to string, now time.Time) statement {
	paid := ""
	if to == OrderPaid {
		paid = formatTime(now)
	}
	return statement{`UPDATE orders SET status = ?,
		paid_at = CASE WHEN ? != '' THEN ? WHEN ? = 'OPEN' THEN '' ELSE paid_at END,
		updated_at = ? WHERE id = ? AND status = ?`, []any{to, paid, paid, to, formatTime(now), id, from}}
}

// ClaimGuestOrders gives every guest order made with key (a browser's
// guest key) to the buyer who signed in, in one statement; how many.
func (q *Queries) ClaimGuestOrders(ctx context.Context, key string, buyerID int64, now time.Time) (int64, error) {
	if key == "" {
		return 0, nil
	}
	res, err := q.q.ExecContext(ctx, `UPDATE orders SET buyer_id = ?, updated_at = ?
		WHERE guest_key = ? AND buyer_id IS NULL`, buyerID, formatTime(now), key)
	if err != nil {
		return 0, fmt.Errorf("db: claim guest orders: %w", err)
	}
	return res.RowsAffected()
}

// ClaimGuestOrder gives one guest order made with key to a buyer; false
// if it is not a guest order (any more) or was made with another key.
func (q *Queries) ClaimGuestOrder(ctx context.Context, ref, key string, buyerID int64, now time.Time) (bool, error) {
	if !IsText(ref) || key == "" {
		return false, nil
	}
	return q.changed(ctx, "claim order", `UPDATE orders SET buyer_id = ?, updated_at = ?
		WHERE ref = ? AND guest_key = ? AND buyer_id IS NULL`, buyerID, formatTime(now), ref, key)
}

// KeyGuestOrders gives the guest orders refs names that have no guest key
// yet the key key: a session from before guest keys, which held its
// orders' refs, upgraded. A buyer's order, or one keyed already, is left
// alone. It returns the key those orders hold now: key if any holds it,
// else the one another request upgrading the same session (another tab)
// gave them first ("" if none of refs is a guest's order).
func (q *Queries) KeyGuestOrders(ctx context.Context, refs []string, key string) (string, error) {
	args := []any{}
	for _, ref := range refs {
		if IsText(ref) {
			args = append(args, ref)
		}
	}
	if len(args) == 0 || key == "" {
		return "", nil
	}
	in := `ref IN (` + placeholders(len(args)) + `)`
	if _, err := q.q.ExecContext(ctx, `UPDATE orders SET guest_key = ?
		WHERE buyer_id IS NULL AND COALESCE(guest_key, '') = '' AND `+in, append([]any{key}, args...)...); err != nil {
		return "", fmt.Errorf("db: key guest orders: %w", err)
	}
	keys, err := queryAll(ctx, q.q, "guest orders' key", func(row scanner) (string, error) {
		var k string
		return k, row.Scan(&k)
	}, `SELECT guest_key FROM orders WHERE buyer_id IS NULL AND guest_key IS NOT NULL AND `+in+`
		ORDER BY CASE WHEN guest_key = ? THEN 0 ELSE 1 END, id LIMIT 1`, append(args, key)...)
	if err != nil || len(keys) == 0 {
		return "", err
	}
	return keys[0], nil
}
