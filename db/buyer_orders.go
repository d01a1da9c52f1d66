package db

import (
	"context"
	"strings"
)

// OrderLine is an order with the product it is for, as a buyer's list of
// orders shows it.
type OrderLine struct {
	Order
	ProductSlug string
	ProductName string
	ProductIcon string
	// ProductRetired: the order's product row is no longer its slug's
	// (Product.Retired).
	ProductRetired bool
}

// orderLineProduct are OrderLine's product columns, of products aliased p.
const orderLineProduct = `COALESCE(NULLIF(p.retired_slug, ''), p.slug), p.name, p.icon,
	CASE WHEN p.retired_slug = '' THEN 0 ELSE 1 END`

// OwnedOrders returns, newest first, at most limit orders of a signed-in
// buyer (buyerID, 0 for none) and the guest orders made with a browser's
// guest key (guestKey, "" for none).
func (q *Queries) OwnedOrders(ctx context.Context, buyerID int64, guestKey string, limit int) ([]OrderLine, error) {
	if buyerID == 0 && guestKey == "" {
		return nil, nil
	}
	where, args := ownedWhere(buyerID, guestKey)
	args = append(args, limit)
	return queryAll(ctx, q.q, "owned orders", scanOrderLine, `SELECT o.id, o.ref, COALESCE(o.buyer_id, 0), o.product_id,
		o.quantity, o.currency, o.amount, o.status, o.paid_at, o.created_at, o.updated_at, `+orderLineProduct+`
		FROM orders o JOIN products p ON p.id = o.product_id
		WHERE `+where+` ORDER BY o.id DESC LIMIT ?`, args...)
}

// ownedWhere is the condition, over orders aliased o, and its arguments
// that pick the orders of a signed-in buyer (buyerID, 0 for none) and the
// guest orders made with a browser's guest key (guestKey, "" for none);
// at least one of the two must be given.
func ownedWhere(buyerID int64, guestKey string) (string, []any) {
	conds, args := []string{}, []any{}
	if buyerID != 0 {
		conds, args = append(conds, `o.buyer_id = ?`), append(args, buyerID)
	}
	if guestKey != "" {
		conds, args = append(conds, `(o.buyer_id IS NULL AND o.guest_key = ?)`), append(args, guestKey)
	}
	return `(` + strings.Join(conds, ` OR `) + `)`, args
}

func scanOrderLine(row scanner) (OrderLine, error) {
	var l OrderLine
	var paid, created, updated string
	err := row.Scan(&l.ID, &l.Ref, &l.BuyerID, &l.ProductID, &l.Quantity, &l.Currency, &l.Amount, &l.Status,
		&paid, &created, &updated, &l.ProductSlug, &l.ProductName, &l.ProductIcon, &l.ProductRetired)
	l.PaidAt, l.CreatedAt, l.UpdatedAt = parseTime(paid), parseTime(created), parseTime(updated)
	return l, err
}
