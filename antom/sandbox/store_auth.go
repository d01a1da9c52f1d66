package sandbox

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"time"

	"antom-checkout/antom"
)

// QR code statuses. A pending QR code past its expiry is expired.
const (
	qrPending  = "pending"
	qrAgreed   = "agreed"
	qrDeclined = "declined"
)

// rowQuerier is a *sql.DB or a *sql.Tx.
type rowQuerier interface {
	QueryRowContext(ctx context.Context, query string, args ...any) *sql.Row
}

// authQR is an auth_qrs row: one consult and its QR code.
type authQR struct {
	Code, ClientID, AuthState, Wallet string
	RedirectURL, NotifyURL, TextValue string
	Answer                            []byte
	Status                            string
	CreatedAt, ExpiresAt              time.Time
	TerminalType                      string // WEB: Scan to Link; WAP or APP: the wallet opens on the buyer's phone
}

// onPhone reports whether the consult opened the wallet on the buyer's
// own phone (WAP or APP), which Agree sends back to authRedirectUrl.
func (q authQR) onPhone() bool { return q.TerminalType != "" && q.TerminalType != antom.TerminalWeb }

// usable is nil when the QR code can still be agreed to or declined.
func (q authQR) usable(now time.Time) error {
	switch {
	case q.Status != qrPending:
		return ErrQRUsed
	case !now.Before(q.ExpiresAt):
		return ErrQRExpired
	}
	return nil
}

// qrColumns are the auth_qrs columns scanQR reads.
const qrColumns = `code, client_id, auth_state, wallet, redirect_url, notify_url,
	text_value, answer, status, created_at, expires_at, terminal_type`

// scanQR reads one auth_qrs row; found is false when there is none.
func scanQR(row *sql.Row) (q authQR, found bool, err error) {
	var created, expires int64
	err = row.Scan(&q.Code, &q.ClientID, &q.AuthState, &q.Wallet, &q.RedirectURL, &q.NotifyURL,
		&q.TextValue, &q.Answer, &q.Status, &created, &expires, &q.TerminalType)
	if errors.Is(err, sql.ErrNoRows) {
		return q, false, nil
	}
	if err != nil {
		return q, false, fmt.Errorf("sandbox: read QR code: %w", err)
	}
	q.CreatedAt, q.ExpiresAt = time.UnixMilli(created), time.UnixMilli(expires)
	return q, true, nil
}

// qrByState finds a merchant's consult by authState.
func qrByState(ctx context.Context, db rowQuerier, clientID, authState string) (authQR, bool, error) {
	return scanQR(db.QueryRowContext(ctx,
		`SELECT `+qrColumns+` FROM auth_qrs WHERE client_id = ? AND auth_state = ?`, clientID, authState))
}

// qrByCode finds a QR code.
func qrByCode(ctx context.Context, db rowQuerier, code string) (authQR, bool, error) {
	return scanQR(db.QueryRowContext(ctx, `SELECT `+qrColumns+` FROM auth_qrs WHERE code = ?`, code))
}

// insertQR stores a new QR code.
func insertQR(ctx context.Context, tx *sql.Tx, q authQR) error {
	_, err := tx.ExecContext(ctx, `
		INSERT INTO auth_qrs (code, client_id, auth_state, wallet, redirect_url, notify_url,
			text_value, answer, status, created_at, expires_at, terminal_type)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
		q.Code, q.ClientID, q.AuthState, q.Wallet, q.RedirectURL, q.NotifyURL,
		q.TextValue, q.Answer, q.Status, q.CreatedAt.UnixMilli(), q.ExpiresAt.UnixMilli(), q.TerminalType)
	if err != nil {
		return fmt.Errorf("sandbox: store QR code: %w", err)
	}
	return nil
}

// useQR marks a pending QR code agreed or declined by login.
func useQR(ctx context.Context, tx *sql.Tx, code, status, login string, at time.Time) error {
	_, err := tx.ExecContext(ctx,
		`UPDATE auth_qrs SET status = ?, login = ?, used_at = ? WHERE code = ? AND status = ?`,
		status, login, at.UnixMilli(), code, qrPending)
	if err != nil {
		return fmt.Errorf("sandbox: use QR code: %w", err)
	}
	return nil
}

// authCode is an auth_codes row.
type authCode struct {
	Code, QRCode, ClientID, Wallet, Login string
	CreatedAt, ExpiresAt                  time.Time
	RedeemedAt                            time.Time // zero until redeemed
	Answer                                []byte    // the applyToken answer, once redeemed
}

// insertAuthCode stores a new auth code.
func insertAuthCode(ctx context.Context, tx *sql.Tx, a authCode) error {
	_, err := tx.ExecContext(ctx, `
		INSERT INTO auth_codes (code, qr_code, client_id, wallet, login, created_at, expires_at)
		VALUES (?, ?, ?, ?, ?, ?, ?)`,
		a.Code, a.QRCode, a.ClientID, a.Wallet, a.Login, a.CreatedAt.UnixMilli(), a.ExpiresAt.UnixMilli())
	if err != nil {
		return fmt.Errorf("sandbox: store auth code: %w", err)
	}
	return nil
}

// authCodeByCode finds an auth code; found is false when there is none.
func authCodeByCode(ctx context.Context, db rowQuerier, code string) (a authCode, found bool, err error) {
	var created, expires int64
	var redeemed sql.NullInt64
	err = db.QueryRowContext(ctx, `
		SELECT code, qr_code, client_id, wallet, login, created_at, expires_at, redeemed_at, answer
		FROM auth_codes WHERE code = ?`, code).
		Scan(&a.Code, &a.QRCode, &a.ClientID, &a.Wallet, &a.Login, &created, &expires, &redeemed, &a.Answer)
	if errors.Is(err, sql.ErrNoRows) {
		return a, false, nil
	}
	if err != nil {
		return a, false, fmt.Errorf("sandbox: read auth code: %w", err)
	}
	a.CreatedAt, a.ExpiresAt = time.UnixMilli(created), time.UnixMilli(expires)
	if redeemed.Valid {
		a.RedeemedAt = time.UnixMilli(redeemed.Int64)
	}
	return a, true, nil
}

// redeemAuthCode records an auth code's first redemption and its answer.
func redeemAuthCode(ctx context.Context, tx *sql.Tx, code string, at time.Time, answer []byte) error {
	_, err := tx.ExecContext(ctx,
		`UPDATE auth_codes SET redeemed_at = ?, answer = ? WHERE code = ? AND redeemed_at IS NULL`,
		at.UnixMilli(), answer, code)
	if err != nil {
		return fmt.Errorf("sandbox: redeem auth code: %w", err)
	}
	return nil
}
