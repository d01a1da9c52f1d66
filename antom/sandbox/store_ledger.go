package sandbox

import (
	"context"
	"database/sql"
	"fmt"
	"time"
)

// ledgerPayments reads a merchant's payments with their card part.
func ledgerPayments(ctx context.Context, db *sql.DB, clientID string) ([]LedgerPayment, error) {
	return ledgerRows(ctx, db, "payments", func(r rowScanner) (LedgerPayment, error) {
		var p LedgerPayment
		var mode sql.NullString
		var authorized, captured sql.NullInt64
		var voided bool
		var created int64
		var paid, cancelled sql.NullInt64
		err := r.Scan(&p.PaymentRequestID, &p.PaymentID, &p.ReferenceOrderID, &p.ProductCode, &p.PaymentMethodType,
			&p.Status, &p.ResultCode, &p.Currency, &p.Amount, &p.Debited, &p.Refunded,
			&mode, &authorized, &captured, &voided, &created, &paid, &cancelled)
		p.CaptureMode, p.Authorized, p.Captured, p.Voided = mode.String, authorized.Int64, captured.Int64, voided
		p.CreatedAt, p.PaidAt, p.CancelledAt = time.UnixMilli(created), fromMilli(paid), fromMilli(cancelled)
		return p, err
	}, `SELECT p.request_id, p.payment_id, p.reference_order_id, p.product_code, p.method_type,
			p.status, p.result_code, p.currency, p.amount, p.debited, p.refunded,
			c.capture_mode, c.authorized, c.captured, c.voided_at IS NOT NULL, p.created_at, p.paid_at, p.cancelled_at
		FROM payments p LEFT JOIN card_payments c ON c.payment_id = p.payment_id
		WHERE p.client_id = ? ORDER BY p.id`, clientID)
}

// ledgerRefunds reads a merchant's refunds.
func ledgerRefunds(ctx context.Context, db *sql.DB, clientID string) ([]LedgerRefund, error) {
	return ledgerRows(ctx, db, "refunds", func(r rowScanner) (LedgerRefund, error) {
		var f LedgerRefund
		var refundID sql.NullString
		var created int64
		err := r.Scan(&f.RefundRequestID, &refundID, &f.PaymentID, &f.Status, &f.ResultCode, &f.Currency, &f.Amount, &created)
		f.RefundID, f.CreatedAt = refundID.String, time.UnixMilli(created)
		return f, err
	}, `SELECT refund_request_id, refund_id, payment_id, status, result_code, currency, amount, created_at
		FROM refunds WHERE client_id = ? ORDER BY id`, clientID)
}

// ledgerCaptures reads a merchant's captures.
func ledgerCaptures(ctx context.Context, db *sql.DB, clientID string) ([]LedgerCapture, error) {
	return ledgerRows(ctx, db, "captures", func(r rowScanner) (LedgerCapture, error) {
		var k LedgerCapture
		var captureID sql.NullString
		var created int64
		err := r.Scan(&k.CaptureRequestID, &captureID, &k.PaymentID, &k.Status, &k.ResultCode, &k.Currency, &k.Amount, &created)
		k.CaptureID, k.CreatedAt = captureID.String, time.UnixMilli(created)
		return k, err
	}, `SELECT capture_request_id, capture_id, payment_id, status, result_code, currency, amount, created_at
		FROM captures WHERE client_id = ? ORDER BY id`, clientID)
}

// ledgerLinks reads a merchant's consults with the auth code and token
// each led to.
func ledgerLinks(ctx context.Context, db *sql.DB, clientID string) ([]LedgerLink, error) {
	return ledgerRows(ctx, db, "links", func(r rowScanner) (LedgerLink, error) {
		var l LedgerLink
		var login, token sql.NullString
		var created int64
		err := r.Scan(&l.AuthState, &l.Wallet, &l.Status, &login, &token, &created)
		l.Login, l.TokenStatus, l.CreatedAt = login.String, token.String, time.UnixMilli(created)
		return l, err
	}, `SELECT q.auth_state, q.wallet, q.status, q.login, t.status, q.created_at
		FROM auth_qrs q
		LEFT JOIN auth_codes c ON c.qr_code = q.code
		LEFT JOIN tokens t ON t.auth_code = c.code
		WHERE q.client_id = ? ORDER BY q.created_at, q.code`, clientID)
}

// ledgerRows runs a query and scans every row.
func ledgerRows[T any](ctx context.Context, db *sql.DB, what string, scan func(rowScanner) (T, error), query string, args ...any) ([]T, error) {
	rows, err := db.QueryContext(ctx, query, args...)
	if err != nil {
		return nil, fmt.Errorf("sandbox: ledger %s: %w", what, err)
	}
	defer rows.Close()
	out := []T{}
	for rows.Next() {
		v, err := scan(rows)
		if err != nil {
			return nil, fmt.Errorf("sandbox: ledger %s: %w", what, err)
		}
		out = append(out, v)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("sandbox: ledger %s: %w", what, err)
	}
	return out, nil
}
