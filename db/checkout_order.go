package db

import (
	"context"
	"time"
)

// CheckoutAttempt is what the checkout page reads of an order's latest
// attempt (the one LatestAttempt returns): enough to tell where the last
// payment stands and why it did not go through. ID 0: the order has none.
type CheckoutAttempt struct {
	ID           int64
	Method       string // WALLET or CARD
	WalletID     int64
	Status       string
	ResultCode   string
	RedirectURL  string // Antom's hosted card page, card attempts
	CancelStatus string
	ReturnedAt   time.Time // Attempt.ReturnedAt
}

// CheckoutOrderByRef returns an order and, in the same query, what the
// checkout page needs of the attempt LatestAttempt returns for it — the
// one that paid it, else its newest, never a surplus one. Only the
// columns that page reads, and no sort: each of the two candidates is the
// last entry of payment_attempts_order_idx that matches. Order's times
// are left zero. ErrNotFound if there is no such order.
func (q *Queries) CheckoutOrderByRef(ctx context.Context, ref string) (Order, CheckoutAttempt, error) {
	type both struct {
		o Order
		a CheckoutAttempt
	}
	v, err := queryOne(lookup(ctx), q.q, "checkout order", func(row scanner) (both, error) {
		var b both
		o, a := &b.o, &b.a
		var returned string
		err := row.Scan(&o.ID, &o.Ref, &o.BuyerID, &o.ProductID, &o.Quantity, &o.Currency, &o.Amount, &o.Status,
			&a.ID, &a.Method, &a.WalletID, &a.Status, &a.ResultCode, &a.RedirectURL, &a.CancelStatus, &returned)
		a.ReturnedAt = parseTime(returned)
		return b, err
	}, `SELECT o.id, o.ref, COALESCE(o.buyer_id, 0), o.product_id, o.quantity, o.currency, o.amount, o.status,
		COALESCE(a.id, 0), COALESCE(a.method, ''), COALESCE(a.wallet_id, 0), COALESCE(a.status, ''),
		COALESCE(a.result_code, ''), COALESCE(a.redirect_url, ''), COALESCE(a.cancel_status, ''),
		COALESCE(a.returned_at, '')
		FROM orders o
		LEFT JOIN payment_attempts a ON a.id = COALESCE(
			(SELECT id FROM payment_attempts WHERE order_id = o.id AND surplus = 0 AND status = 'SUCCESS' ORDER BY id DESC LIMIT 1),
			(SELECT id FROM payment_attempts WHERE order_id = o.id AND surplus = 0 ORDER BY id DESC LIMIT 1))
		WHERE o.ref = ?`, ref)
	return v.o, v.a, err
}
