package sandbox

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strconv"
	"time"

	"antom-checkout/antom"
)

// payment is a payments row: one paymentRequestId of a merchant.
type payment struct {
	ID                    int64
	PaymentID, ClientID   string
	RequestID             string // paymentRequestId
	ProductCode           string
	Fingerprint           string // business parameters, for idempotency
	MethodType            string // paymentMethodType
	Login                 string // the payer; "" when no live token named one
	Currency              string
	Amount                int64 // minor units
	Debited               int64 // held from the payer's balance now
	Refunded              int64 // taken back by refunds (PROCESSING or SUCCESS)
	Status, Code, Message string
	SettleCode            string    // PROCESSING: the outcome planned at SettleAt
	SettleAt              time.Time // zero: no planned settlement
	ExpiresAt             time.Time
	NotifyURL             string // paymentNotifyUrl; "" = the merchant's
	OrderRef              string // order.referenceOrderId
	ActionURL             string // PROCESSING hosted payments: the page pay answers as normalUrl
	Answer                []byte // what a true repeat of pay is answered
	CreatedAt             time.Time
	PaidAt, CancelledAt   time.Time // zero until then
	// AuthExpiresAt is a card authorization's authExpiryTime, for pay's
	// answer (API.md §5.2): kept with the card part (cardPayment), set
	// here by authorizeCard, or read back by updatePayment.
	AuthExpiresAt time.Time
}

// paymentColumns are the payments columns scanPayment reads.
const paymentColumns = `id, payment_id, client_id, request_id, product_code, fingerprint, method_type,
	login, currency, amount, debited, status, result_code, result_message, settle_code, settle_at,
	expires_at, notify_url, answer, created_at, paid_at, cancelled_at, action_url, refunded, reference_order_id`

// scanPayment reads one payments row.
func scanPayment(r rowScanner) (payment, error) {
	var p payment
	var login sql.NullString
	var settleAt, paidAt, cancelledAt sql.NullInt64
	var expires, created int64
	err := r.Scan(&p.ID, &p.PaymentID, &p.ClientID, &p.RequestID, &p.ProductCode, &p.Fingerprint, &p.MethodType,
		&login, &p.Currency, &p.Amount, &p.Debited, &p.Status, &p.Code, &p.Message, &p.SettleCode, &settleAt,
		&expires, &p.NotifyURL, &p.Answer, &created, &paidAt, &cancelledAt, &p.ActionURL, &p.Refunded, &p.OrderRef)
	p.Login = login.String
	p.SettleAt, p.PaidAt, p.CancelledAt = fromMilli(settleAt), fromMilli(paidAt), fromMilli(cancelledAt)
	p.ExpiresAt, p.CreatedAt = time.UnixMilli(expires), time.UnixMilli(created)
	return p, err
}

// paymentWhere reads the one payment matching a condition; found is false
// when none does.
func paymentWhere(ctx context.Context, db rowQuerier, cond string, args ...any) (payment, bool, error) {
	p, err := scanPayment(db.QueryRowContext(ctx, `SELECT `+paymentColumns+` FROM payments WHERE `+cond, args...))
	if errors.Is(err, sql.ErrNoRows) {
		return p, false, nil
	}
	if err != nil {
		return p, false, fmt.Errorf("sandbox: read payment: %w", err)
	}
	return p, true, nil
}

// paymentByRequest finds a merchant's payment by paymentRequestId.
func paymentByRequest(ctx context.Context, db rowQuerier, clientID, requestID string) (payment, bool, error) {
	return paymentWhere(ctx, db, "client_id = ? AND request_id = ?", clientID, requestID)
}

// paymentByID finds a payment by paymentId, whoever's it is.
func paymentByID(ctx context.Context, db rowQuerier, paymentID string) (payment, bool, error) {
	return paymentWhere(ctx, db, "payment_id = ?", paymentID)
}

// findPayment finds a merchant's payment by paymentId or, when that is
// empty, by paymentRequestId (API.md §5.3: paymentId wins).
func findPayment(ctx context.Context, db rowQuerier, clientID, paymentID, requestID string) (payment, bool, error) {
	if paymentID != "" {
		return paymentWhere(ctx, db, "client_id = ? AND payment_id = ?", clientID, paymentID)
	}
	return paymentByRequest(ctx, db, clientID, requestID)
}

// insertPayment stores a new payment with its repeat answer (set on p).
func insertPayment(ctx context.Context, tx *sql.Tx, p *payment) error {
	if err := p.seal(); err != nil {
		return err
	}
	res, err := tx.ExecContext(ctx, `
		INSERT INTO payments (payment_id, client_id, request_id, product_code, fingerprint, method_type,
			login, currency, amount, debited, status, result_code, result_message, settle_code, settle_at,
			expires_at, notify_url, answer, created_at, paid_at, cancelled_at, action_url, refunded, reference_order_id)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
		p.PaymentID, p.ClientID, p.RequestID, p.ProductCode, p.Fingerprint, p.MethodType,
		sql.NullString{String: p.Login, Valid: p.Login != ""}, p.Currency, p.Amount, p.Debited,
		p.Status, p.Code, p.Message, p.SettleCode, toMilli(p.SettleAt),
		ceilMilli(p.ExpiresAt), p.NotifyURL, p.Answer, p.CreatedAt.UnixMilli(), toMilli(p.PaidAt), toMilli(p.CancelledAt),
		p.ActionURL, p.Refunded, p.OrderRef)
	if err != nil {
		return fmt.Errorf("sandbox: store payment: %w", err)
	}
	if p.ID, err = res.LastInsertId(); err != nil {
		return fmt.Errorf("sandbox: store payment: %w", err)
	}
	return nil
}

// updatePayment writes a payment's new state and repeat answer.
func updatePayment(ctx context.Context, tx *sql.Tx, p *payment) error {
	if p.MethodType == cardMethod && p.Status == antom.PaymentSuccess && p.AuthExpiresAt.IsZero() {
		cp, isCard, err := cardPaymentByID(ctx, tx, p.PaymentID)
		if err != nil {
			return err
		}
		if isCard {
			p.AuthExpiresAt = cp.AuthExpiresAt
		}
	}
	if err := p.seal(); err != nil {
		return err
	}
	_, err := tx.ExecContext(ctx, `
		UPDATE payments SET debited = ?, status = ?, result_code = ?, result_message = ?, settle_code = ?,
			settle_at = ?, answer = ?, paid_at = ?, cancelled_at = ?, refunded = ?
		WHERE id = ?`,
		p.Debited, p.Status, p.Code, p.Message, p.SettleCode,
		toMilli(p.SettleAt), p.Answer, toMilli(p.PaidAt), toMilli(p.CancelledAt), p.Refunded, p.ID)
	if err != nil {
		return fmt.Errorf("sandbox: update payment: %w", err)
	}
	return nil
}

// processingPayments lists up to limit PROCESSING payments, the one whose
// settlement or expiry comes first first.
func processingPayments(ctx context.Context, db *sql.DB, limit int) ([]payment, error) {
	// The limit in the query, not bound: see upcomingNotifications.
	return queryPayments(ctx, db, `WHERE status = 'PROCESSING'
		ORDER BY min(coalesce(settle_at, expires_at), expires_at), id LIMIT `+strconv.Itoa(limit))
}

// recentPayments lists the newest payments, up to limit: a test user's,
// or with login "" everyone's.
func recentPayments(ctx context.Context, db *sql.DB, login string, limit int) ([]payment, error) {
	if login == "" {
		return queryPayments(ctx, db, `ORDER BY id DESC LIMIT ?`, limit)
	}
	return queryPayments(ctx, db, `WHERE login = ? ORDER BY id DESC LIMIT ?`, login, limit)
}

// queryPayments reads the payments a WHERE/ORDER BY tail selects.
func queryPayments(ctx context.Context, db *sql.DB, tail string, args ...any) ([]payment, error) {
	rows, err := db.QueryContext(ctx, `SELECT `+paymentColumns+` FROM payments `+tail, args...)
	if err != nil {
		return nil, fmt.Errorf("sandbox: list payments: %w", err)
	}
	defer rows.Close()
	var out []payment
	for rows.Next() {
		p, err := scanPayment(rows)
		if err != nil {
			return nil, fmt.Errorf("sandbox: list payments: %w", err)
		}
		out = append(out, p)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("sandbox: list payments: %w", err)
	}
	return out, nil
}

// toMilli is t in unix ms, rounded down; NULL for the zero time.
func toMilli(t time.Time) sql.NullInt64 {
	if t.IsZero() {
		return sql.NullInt64{}
	}
	// Floor, not ceiling: a time read back must format as the same second
	// it was answered with (repeat answers are compared to the letter).
	return sql.NullInt64{Int64: t.UnixMilli(), Valid: true}
}

// fromMilli is the time of a nullable unix ms column; zero for NULL.
func fromMilli(v sql.NullInt64) time.Time {
	if !v.Valid {
		return time.Time{}
	}
	return time.UnixMilli(v.Int64)
}
