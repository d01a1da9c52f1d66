package sandbox

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"time"
)

// capture is a captures row: one captureRequestId of a merchant and its
// outcome.
type capture struct {
	ID          int64
	ClientID    string
	RequestID   string // captureRequestId
	CaptureID   string // "" for a failed capture
	PaymentID   string // as the merchant named it
	Fingerprint string
	Currency    string
	Amount      int64
	Status      string // SUCCESS or FAIL
	Code        string
	Answer      []byte // what a true repeat is answered
	CreatedAt   time.Time
}

// captureColumns are the captures columns scanCapture reads.
const captureColumns = `id, client_id, capture_request_id, capture_id, payment_id, fingerprint,
	currency, amount, status, result_code, answer, created_at`

// scanCapture reads one captures row.
func scanCapture(r rowScanner) (capture, error) {
	var k capture
	var captureID sql.NullString
	var created int64
	err := r.Scan(&k.ID, &k.ClientID, &k.RequestID, &captureID, &k.PaymentID, &k.Fingerprint,
		&k.Currency, &k.Amount, &k.Status, &k.Code, &k.Answer, &created)
	k.CaptureID, k.CreatedAt = captureID.String, time.UnixMilli(created)
	return k, err
}

// insertCapture stores a capture's outcome.
func insertCapture(ctx context.Context, tx *sql.Tx, k capture) error {
	_, err := tx.ExecContext(ctx, `
		INSERT INTO captures (client_id, capture_request_id, capture_id, payment_id, fingerprint,
			currency, amount, status, result_code, answer, created_at)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
		k.ClientID, k.RequestID, nullString(k.CaptureID), k.PaymentID, k.Fingerprint,
		k.Currency, k.Amount, k.Status, k.Code, k.Answer, k.CreatedAt.UnixMilli())
	if err != nil {
		return fmt.Errorf("sandbox: store capture: %w", err)
	}
	return nil
}

// captureByRequest finds a merchant's capture by captureRequestId.
func captureByRequest(ctx context.Context, db rowQuerier, clientID, requestID string) (capture, bool, error) {
	k, err := scanCapture(db.QueryRowContext(ctx, `SELECT `+captureColumns+` FROM captures
		WHERE client_id = ? AND capture_request_id = ?`, clientID, requestID))
	if errors.Is(err, sql.ErrNoRows) {
		return k, false, nil
	}
	if err != nil {
		return k, false, fmt.Errorf("sandbox: read capture: %w", err)
	}
	return k, true, nil
}

// capturesOf lists the successful captures of a merchant's payment,
// oldest first.
func capturesOf(ctx context.Context, db *sql.DB, clientID, paymentID string) ([]capture, error) {
	rows, err := db.QueryContext(ctx, `SELECT `+captureColumns+` FROM captures
		WHERE client_id = ? AND payment_id = ? AND status = 'SUCCESS' ORDER BY id`, clientID, paymentID)
	if err != nil {
		return nil, fmt.Errorf("sandbox: list captures: %w", err)
	}
	defer rows.Close()
	var out []capture
	for rows.Next() {
		k, err := scanCapture(rows)
		if err != nil {
			return nil, fmt.Errorf("sandbox: list captures: %w", err)
		}
		out = append(out, k)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("sandbox: list captures: %w", err)
	}
	return out, nil
}
