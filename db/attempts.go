package db

import (
	"context"
	"fmt"
	"time"
)

// Payment attempt statuses, after Antom's paymentStatus. PROCESSING is the
// only non-final one; a final status is only ever written over it.
const (
	AttemptProcessing = "PROCESSING"
	AttemptSuccess    = "SUCCESS"
	AttemptFail       = "FAIL"
	AttemptCancelled  = "CANCELLED"
)

// Attempt methods.
const (
	MethodWallet = "WALLET"
	MethodCard   = "CARD"
)

// Attempt is one pay call (one paymentRequestId) for an order.
type Attempt struct {
	ID               int64
	OrderID          int64
	PaymentRequestID string
	Method           string
	WalletID         int64
	Currency         string
	Amount           int64
	Status           string
	ResultCode       string
	PaymentID        string
	PaidAt           time.Time
	ExpiresAt        time.Time
	NextCheckAt      time.Time
	Checks           int
	ManualCheckAt    time.Time
	CreatedAt        time.Time
	UpdatedAt        time.Time

	// Card attempts (hosted page).
	KeepCard      bool      // the buyer asked to keep the card
	CardID        int64     // paying with a kept card
	CaptureMode   string    // AUTOMATIC or MANUAL
	RedirectURL   string    // Antom's normalUrl for this attempt
	AuthExpiresAt time.Time // a MANUAL authorisation must be captured before this
	CardBrand     string
	CardLast4     string
}

const attemptColumns = `id, order_id, payment_request_id, method, COALESCE(wallet_id, 0), currency, amount,
	status, result_code, payment_id, paid_at, expires_at, next_check_at, checks, manual_check_at,
	created_at, updated_at, keep_card, COALESCE(card_id, 0), capture_mode, redirect_url, auth_expires_at,
	card_brand, card_last4`

func scanAttempt(row scanner) (Attempt, error) {
	var a Attempt
	var paid, expires, next, manual, created, updated, authExpires string
	err := row.Scan(&a.ID, &a.OrderID, &a.PaymentRequestID, &a.Method, &a.WalletID, &a.Currency, &a.Amount,
		&a.Status, &a.ResultCode, &a.PaymentID, &paid, &expires, &next, &a.Checks, &manual, &created, &updated,
		&a.KeepCard, &a.CardID, &a.CaptureMode, &a.RedirectURL, &authExpires, &a.CardBrand, &a.CardLast4)
	a.PaidAt, a.ExpiresAt, a.NextCheckAt = parseTime(paid), parseTime(expires), parseTime(next)
	a.ManualCheckAt, a.CreatedAt, a.UpdatedAt = parseTime(manual), parseTime(created), parseTime(updated)
	a.AuthExpiresAt = parseTime(authExpires)
	return a, err
}

// InsertAttempt records an attempt before pay is called. ErrDuplicate
// means the order already has a PROCESSING attempt.
func (q *Queries) InsertAttempt(ctx context.Context, a Attempt) (int64, error) {
	id, err := insertID(ctx, q.q, `INSERT INTO payment_attempts (order_id, payment_request_id, method,
		wallet_id, currency, amount, status, expires_at, next_check_at, created_at, updated_at,
		keep_card, card_id, capture_mode) VALUES (?, ?, ?, NULLIF(?, 0), ?, ?, ?, ?, ?, ?, ?, ?, NULLIF(?, 0), ?) RETURNING id`,
		a.OrderID, a.PaymentRequestID, a.Method, a.WalletID, a.Currency, a.Amount, a.Status,
		formatTime(a.ExpiresAt), formatTime(a.NextCheckAt), formatTime(a.CreatedAt), formatTime(a.CreatedAt),
		a.KeepCard, a.CardID, a.CaptureMode)
	if err != nil {
		if isUniqueViolation(err) {
			return 0, ErrDuplicate
		}
		return 0, fmt.Errorf("db: insert attempt: %w", err)
	}
	return id, nil
}

// AttemptByID returns an attempt; ErrNotFound if there is none.
func (q *Queries) AttemptByID(ctx context.Context, id int64) (Attempt, error) {
	return q.attempt(ctx, `WHERE id = ?`, id)
}

// AttemptByRequestID returns the attempt of a paymentRequestId.
func (q *Queries) AttemptByRequestID(ctx context.Context, requestID string) (Attempt, error) {
	return q.attempt(ctx, `WHERE payment_request_id = ?`, requestID)
}

// LatestAttempt returns an order's newest attempt; ErrNotFound if none.
func (q *Queries) LatestAttempt(ctx context.Context, orderID int64) (Attempt, error) {
	return q.attempt(ctx, `WHERE order_id = ? ORDER BY id DESC LIMIT 1`, orderID)
}

// OpenAttempt returns an order's PROCESSING attempt; ErrNotFound if none.
func (q *Queries) OpenAttempt(ctx context.Context, orderID int64) (Attempt, error) {
	return q.attempt(ctx, `WHERE order_id = ? AND status = 'PROCESSING'`, orderID)
}

func (q *Queries) attempt(ctx context.Context, where string, args ...any) (Attempt, error) {
	return queryOne(ctx, q.q, "attempt", scanAttempt, `SELECT `+attemptColumns+` FROM payment_attempts `+where, args...)
}

// AttemptsToCheck returns PROCESSING attempts whose next check is due.
func (q *Queries) AttemptsToCheck(ctx context.Context, now time.Time) ([]Attempt, error) {
	return queryAll(ctx, q.q, "attempts to check", scanAttempt, `SELECT `+attemptColumns+` FROM payment_attempts
		WHERE status = 'PROCESSING' AND next_check_at <= ? ORDER BY next_check_at`, formatTime(now))
}

// SetAttemptPaymentID records the paymentId Antom gave an attempt.
func (q *Queries) SetAttemptPaymentID(ctx context.Context, id int64, paymentID string, now time.Time) error {
	_, err := q.q.ExecContext(ctx, `UPDATE payment_attempts SET payment_id = ?, updated_at = ?
		WHERE id = ? AND payment_id = ''`, paymentID, formatTime(now), id)
	if err != nil {
		return fmt.Errorf("db: set payment id: %w", err)
	}
	return nil
}

// SettleAttempt writes a final status over PROCESSING, and only over it.
// It reports false when the attempt was already final.
func (q *Queries) SettleAttempt(ctx context.Context, id int64, status, code, paymentID string, paidAt, now time.Time) (bool, error) {
	return q.changed(ctx, "settle attempt", `UPDATE payment_attempts SET status = ?, result_code = ?,
		payment_id = CASE WHEN ? != '' THEN ? ELSE payment_id END, paid_at = ?, updated_at = ?
		WHERE id = ? AND status = 'PROCESSING'`,
		status, code, paymentID, paymentID, formatTime(paidAt), formatTime(now), id)
}

// ScheduleCheck records an inquiry that found the attempt still open and
// when to ask again.
func (q *Queries) ScheduleCheck(ctx context.Context, id int64, next, now time.Time) error {
	_, err := q.q.ExecContext(ctx, `UPDATE payment_attempts SET checks = checks + 1, next_check_at = ?,
		updated_at = ? WHERE id = ? AND status = 'PROCESSING'`, formatTime(next), formatTime(now), id)
	if err != nil {
		return fmt.Errorf("db: schedule check: %w", err)
	}
	return nil
}

// ClaimManualCheck lets a buyer's "check again" through at most once per
// interval: it reports false when the last one was too recent.
func (q *Queries) ClaimManualCheck(ctx context.Context, id int64, notBefore, now time.Time) (bool, error) {
	return q.changed(ctx, "claim manual check", `UPDATE payment_attempts SET manual_check_at = ?
		WHERE id = ? AND manual_check_at < ?`, formatTime(now), id, formatTime(notBefore))
}

// SetAttemptRedirect records Antom's hosted-page URL for an attempt.
func (q *Queries) SetAttemptRedirect(ctx context.Context, id int64, url string, now time.Time) error {
	_, err := q.q.ExecContext(ctx, `UPDATE payment_attempts SET redirect_url = ?, updated_at = ? WHERE id = ?`,
		url, formatTime(now), id)
	if err != nil {
		return fmt.Errorf("db: set redirect: %w", err)
	}
	return nil
}

// SetAttemptCard records what the buyer will recognise a card payment by,
// and when its authorisation expires.
func (q *Queries) SetAttemptCard(ctx context.Context, id int64, brand, last4 string, authExpires, now time.Time) error {
	_, err := q.q.ExecContext(ctx, `UPDATE payment_attempts SET card_brand = ?, card_last4 = ?, auth_expires_at = ?,
		updated_at = ? WHERE id = ?`, brand, last4, formatTime(authExpires), formatTime(now), id)
	if err != nil {
		return fmt.Errorf("db: set attempt card: %w", err)
	}
	return nil
}
