package db

import "context"

// latestAttemptColumns are attemptColumns of the attempt a LEFT JOIN found
// (table alias a), each its zero value when it found none (ID 0).
const latestAttemptColumns = `COALESCE(a.id, 0), COALESCE(a.order_id, 0), COALESCE(a.payment_request_id, ''),
	COALESCE(a.method, ''), COALESCE(a.wallet_id, 0), COALESCE(a.currency, ''), COALESCE(a.amount, 0),
	COALESCE(a.status, ''), COALESCE(a.result_code, ''), COALESCE(a.payment_id, ''), COALESCE(a.paid_at, ''),
	COALESCE(a.expires_at, ''), COALESCE(a.next_check_at, ''), COALESCE(a.checks, 0),
	COALESCE(a.manual_check_at, ''), COALESCE(a.created_at, ''), COALESCE(a.updated_at, ''),
	COALESCE(a.keep_card, 0), COALESCE(a.card_id, 0), COALESCE(a.capture_mode, ''), COALESCE(a.redirect_url, ''),
	COALESCE(a.auth_expires_at, ''), COALESCE(a.card_brand, ''), COALESCE(a.card_last4, ''),
	COALESCE(a.final_source, ''), COALESCE(a.cancel_status, ''), COALESCE(a.surplus, 0), COALESCE(a.returned_at, '')`

// OrderAndLatestAttemptByRef returns an order and, in the same query, the
// attempt LatestAttempt returns for it — the one that paid it, else its
// newest, never a surplus one — or a zero Attempt (ID 0) when it has
// none. ErrNotFound if there is no such order.
func (q *Queries) OrderAndLatestAttemptByRef(ctx context.Context, ref string) (Order, Attempt, error) {
	type both struct {
		o Order
		a Attempt
	}
	v, err := queryOne(lookup(ctx), q.q, "order and latest attempt", func(row scanner) (both, error) {
		var b both
		var oPaid, oCreated, oUpdated, paid, expires, next, manual, created, updated, authExpires, returned string
		o, a := &b.o, &b.a
		err := row.Scan(&o.ID, &o.Ref, &o.BuyerID, &o.ProductID, &o.Quantity, &o.Currency, &o.Amount, &o.Status,
			&oPaid, &oCreated, &oUpdated,
			&a.ID, &a.OrderID, &a.PaymentRequestID, &a.Method, &a.WalletID, &a.Currency, &a.Amount,
			&a.Status, &a.ResultCode, &a.PaymentID, &paid, &expires, &next, &a.Checks, &manual, &created, &updated,
			&a.KeepCard, &a.CardID, &a.CaptureMode, &a.RedirectURL, &authExpires, &a.CardBrand, &a.CardLast4,
			&a.FinalSource, &a.CancelStatus, &a.Surplus, &returned)
		o.PaidAt, o.CreatedAt, o.UpdatedAt = parseTime(oPaid), parseTime(oCreated), parseTime(oUpdated)
		a.PaidAt, a.ExpiresAt, a.NextCheckAt = parseTime(paid), parseTime(expires), parseTime(next)
		a.ManualCheckAt, a.CreatedAt, a.UpdatedAt = parseTime(manual), parseTime(created), parseTime(updated)
		a.AuthExpiresAt, a.ReturnedAt = parseTime(authExpires), parseTime(returned)
		return b, err
	}, `SELECT o.*, `+latestAttemptColumns+`
		FROM (SELECT `+orderColumns+` FROM orders WHERE ref = ?) o
		LEFT JOIN payment_attempts a ON a.id = (SELECT id FROM payment_attempts WHERE order_id = o.id AND `+latestAttempt+`)`, ref)
	return v.o, v.a, err
}
