package sandbox

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"time"
)

// refund is a refunds row: one refundRequestId of a merchant and its
// outcome.
type refund struct {
	ID          int64
	ClientID    string
	RequestID   string // refundRequestId
	RefundID    string // "" for a refused refund
	PaymentID   string // as the merchant named it
	Fingerprint string
	Currency    string
	Amount      int64
	Status      string // PROCESSING, SUCCESS or FAIL
	Code        string
	Message     string
	NotifyURL   string // refundNotifyUrl, else the payment's; "" = the merchant's
	Answer      []byte // what a true repeat is answered
	CreatedAt   time.Time
	SettleAt    time.Time // PROCESSING: when it becomes SUCCESS
	RefundedAt  time.Time // SUCCESS: refundTime
}

// refundColumns are the refunds columns scanRefund reads.
const refundColumns = `id, client_id, refund_request_id, refund_id, payment_id, fingerprint, currency, amount,
	status, result_code, result_message, notify_url, answer, created_at, settle_at, refunded_at`

// scanRefund reads one refunds row.
func scanRefund(r rowScanner) (refund, error) {
	var f refund
	var refundID sql.NullString
	var created int64
	var settleAt, refundedAt sql.NullInt64
	err := r.Scan(&f.ID, &f.ClientID, &f.RequestID, &refundID, &f.PaymentID, &f.Fingerprint, &f.Currency, &f.Amount,
		&f.Status, &f.Code, &f.Message, &f.NotifyURL, &f.Answer, &created, &settleAt, &refundedAt)
	f.RefundID, f.CreatedAt = refundID.String, time.UnixMilli(created)
	f.SettleAt, f.RefundedAt = fromMilli(settleAt), fromMilli(refundedAt)
	return f, err
}

// insertRefund stores a refund's outcome.
func insertRefund(ctx context.Context, tx *sql.Tx, f *refund) error {
	res, err := tx.ExecContext(ctx, `
		INSERT INTO refunds (client_id, refund_request_id, refund_id, payment_id, fingerprint, currency, amount,
			status, result_code, result_message, notify_url, answer, created_at, settle_at, refunded_at)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
		f.ClientID, f.RequestID, nullString(f.RefundID), f.PaymentID, f.Fingerprint, f.Currency, f.Amount,
		f.Status, f.Code, f.Message, f.NotifyURL, f.Answer, f.CreatedAt.UnixMilli(), toMilli(f.SettleAt), toMilli(f.RefundedAt))
	if err != nil {
		return fmt.Errorf("sandbox: store refund: %w", err)
	}
	if f.ID, err = res.LastInsertId(); err != nil {
		return fmt.Errorf("sandbox: store refund: %w", err)
	}
	return nil
}

// updateRefund writes a refund's new state (a PROCESSING refund that
// completed). The stored answer stays: a repeat gets what refund said.
func updateRefund(ctx context.Context, tx *sql.Tx, f refund) error {
	_, err := tx.ExecContext(ctx, `
		UPDATE refunds SET status = ?, result_code = ?, result_message = ?, settle_at = ?, refunded_at = ?
		WHERE id = ?`,
		f.Status, f.Code, f.Message, toMilli(f.SettleAt), toMilli(f.RefundedAt), f.ID)
	if err != nil {
		return fmt.Errorf("sandbox: update refund: %w", err)
	}
	return nil
}

// refundWhere reads the one refund matching a condition.
func refundWhere(ctx context.Context, db rowQuerier, cond string, args ...any) (refund, bool, error) {
	f, err := scanRefund(db.QueryRowContext(ctx, `SELECT `+refundColumns+` FROM refunds WHERE `+cond, args...))
	if errors.Is(err, sql.ErrNoRows) {
		return f, false, nil
	}
	if err != nil {
		return f, false, fmt.Errorf("sandbox: read refund: %w", err)
	}
	return f, true, nil
}

// refundByRequest finds a merchant's refund by refundRequestId.
func refundByRequest(ctx context.Context, db rowQuerier, clientID, requestID string) (refund, bool, error) {
	return refundWhere(ctx, db, "client_id = ? AND refund_request_id = ?", clientID, requestID)
}

// findRefund finds a merchant's refund by refundId or, when that is
// empty, by refundRequestId (API.md §5.7: refundId wins).
func findRefund(ctx context.Context, db rowQuerier, clientID, refundID, requestID string) (refund, bool, error) {
	if refundID != "" {
		return refundWhere(ctx, db, "client_id = ? AND refund_id = ?", clientID, refundID)
	}
	return refundByRequest(ctx, db, clientID, requestID)
}

// refundByRowID reads a refund by its row id.
func refundByRowID(ctx context.Context, db rowQuerier, id int64) (refund, bool, error) {
	return refundWhere(ctx, db, "id = ?", id)
}

// processingRefunds lists up to limit PROCESSING refunds, the first due
// first.
func processingRefunds(ctx context.Context, db *sql.DB, limit int) ([]refund, error) {
	return queryRefunds(ctx, db, `WHERE status = 'PROCESSING' ORDER BY settle_at, id LIMIT ?`, limit)
}

// recentRefunds lists the newest refunds, up to limit.
func recentRefunds(ctx context.Context, db *sql.DB, limit int) ([]refund, error) {
	return queryRefunds(ctx, db, `ORDER BY id DESC LIMIT ?`, limit)
}

// queryRefunds reads the refunds a WHERE/ORDER BY tail selects.
func queryRefunds(ctx context.Context, db *sql.DB, tail string, args ...any) ([]refund, error) {
	rows, err := db.QueryContext(ctx, `SELECT `+refundColumns+` FROM refunds `+tail, args...)
	if err != nil {
		return nil, fmt.Errorf("sandbox: list refunds: %w", err)
	}
	defer rows.Close()
	var out []refund
	for rows.Next() {
		f, err := scanRefund(rows)
		if err != nil {
			return nil, fmt.Errorf("sandbox: list refunds: %w", err)
		}
		out = append(out, f)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("sandbox: list refunds: %w", err)
	}
	return out, nil
}
