package sandbox

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"time"
)

// card is a cards row: a card token and what the sandbox keeps of the
// card behind it (never its number or CVC).
type card struct {
	Token                   string
	ClientID                string // the merchant the token was issued to
	Brand, BIN, LastFour    string
	ExpiryMonth, ExpiryYear string // "12", "30"
	Funding, Country        string
	Outcome                 string // SUCCESS or the decline code
	Challenge               bool   // 3-D Secure challenge first
	CreatedAt               time.Time
}

// cardPayment is a card_payments row: the card part of a hosted card
// payment.
type cardPayment struct {
	PaymentID     string
	CaptureMode   string // AUTOMATIC or MANUAL
	RedirectURL   string // paymentRedirectUrl
	MerchantName  string
	Description   string
	CardToken     string // "" until the buyer's card is known
	Authorized    int64
	Captured      int64
	AuthExpiresAt time.Time // zero until authorized
	VoidedAt      time.Time // zero unless cancelled before any capture
}

// insertCard stores a new card token.
func insertCard(ctx context.Context, tx *sql.Tx, c card) error {
	_, err := tx.ExecContext(ctx, `
		INSERT INTO cards (token, client_id, brand, bin, last_four, expiry_month, expiry_year,
			funding, issuing_country, outcome, challenge, created_at)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
		c.Token, c.ClientID, c.Brand, c.BIN, c.LastFour, c.ExpiryMonth, c.ExpiryYear,
		c.Funding, c.Country, c.Outcome, c.Challenge, c.CreatedAt.UnixMilli())
	if err != nil {
		return fmt.Errorf("sandbox: store card: %w", err)
	}
	return nil
}

// cardByToken reads the card behind a token, whoever's it is.
func cardByToken(ctx context.Context, db rowQuerier, token string) (card, bool, error) {
	var c card
	var created int64
	err := db.QueryRowContext(ctx, `
		SELECT token, client_id, brand, bin, last_four, expiry_month, expiry_year,
			funding, issuing_country, outcome, challenge, created_at
		FROM cards WHERE token = ?`, token).Scan(
		&c.Token, &c.ClientID, &c.Brand, &c.BIN, &c.LastFour, &c.ExpiryMonth, &c.ExpiryYear,
		&c.Funding, &c.Country, &c.Outcome, &c.Challenge, &created)
	if errors.Is(err, sql.ErrNoRows) {
		return c, false, nil
	}
	if err != nil {
		return c, false, fmt.Errorf("sandbox: read card: %w", err)
	}
	c.CreatedAt = time.UnixMilli(created)
	return c, true, nil
}

// insertCardPayment stores the card part of a new hosted card payment.
func insertCardPayment(ctx context.Context, tx *sql.Tx, cp cardPayment) error {
	_, err := tx.ExecContext(ctx, `
		INSERT INTO card_payments (payment_id, capture_mode, redirect_url, merchant_name, description,
			card_token, authorized, captured, auth_expires_at, voided_at)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
		cp.PaymentID, cp.CaptureMode, cp.RedirectURL, cp.MerchantName, cp.Description,
		nullString(cp.CardToken), cp.Authorized, cp.Captured, toMilli(cp.AuthExpiresAt), toMilli(cp.VoidedAt))
	if err != nil {
		return fmt.Errorf("sandbox: store card payment: %w", err)
	}
	return nil
}

// updateCardPayment writes the card part's new state.
func updateCardPayment(ctx context.Context, tx *sql.Tx, cp cardPayment) error {
	_, err := tx.ExecContext(ctx, `
		UPDATE card_payments SET card_token = ?, authorized = ?, captured = ?, auth_expires_at = ?, voided_at = ?
		WHERE payment_id = ?`,
		nullString(cp.CardToken), cp.Authorized, cp.Captured, toMilli(cp.AuthExpiresAt), toMilli(cp.VoidedAt), cp.PaymentID)
	if err != nil {
		return fmt.Errorf("sandbox: update card payment: %w", err)
	}
	return nil
}

// cardPaymentByID reads the card part of a payment; found is false for
// payments that are not hosted card payments.
func cardPaymentByID(ctx context.Context, db rowQuerier, paymentID string) (cardPayment, bool, error) {
	var cp cardPayment
	var token sql.NullString
	var authExp, voided sql.NullInt64
	err := db.QueryRowContext(ctx, `
		SELECT payment_id, capture_mode, redirect_url, merchant_name, description,
			card_token, authorized, captured, auth_expires_at, voided_at
		FROM card_payments WHERE payment_id = ?`, paymentID).Scan(
		&cp.PaymentID, &cp.CaptureMode, &cp.RedirectURL, &cp.MerchantName, &cp.Description,
		&token, &cp.Authorized, &cp.Captured, &authExp, &voided)
	if errors.Is(err, sql.ErrNoRows) {
		return cp, false, nil
	}
	if err != nil {
		return cp, false, fmt.Errorf("sandbox: read card payment: %w", err)
	}
	cp.CardToken = token.String
	cp.AuthExpiresAt, cp.VoidedAt = fromMilli(authExp), fromMilli(voided)
	return cp, true, nil
}

// cardDetails reads a payment's card part and, once known, its card.
// found is false for payments that are not hosted card payments.
func cardDetails(ctx context.Context, db rowQuerier, paymentID string) (cardPayment, card, bool, error) {
	cp, found, err := cardPaymentByID(ctx, db, paymentID)
	if err != nil || !found || cp.CardToken == "" {
		return cp, card{}, found, err
	}
	c, ok, err := cardByToken(ctx, db, cp.CardToken)
	if err == nil && !ok {
		err = fmt.Errorf("sandbox: card payment %s: its card token is missing", paymentID)
	}
	return cp, c, true, err
}

// nullString stores "" as NULL.
func nullString(s string) sql.NullString { return sql.NullString{String: s, Valid: s != ""} }

// voidCard marks a hosted card payment's authorization voided at now when
// nothing of it was captured; other payments are left alone.
func voidCard(ctx context.Context, tx *sql.Tx, paymentID string, now time.Time) error {
	_, err := tx.ExecContext(ctx, `
		UPDATE card_payments SET voided_at = ? WHERE payment_id = ? AND authorized > 0 AND captured = 0 AND voided_at IS NULL`,
		now.UnixMilli(), paymentID)
	if err != nil {
		return fmt.Errorf("sandbox: void card authorization: %w", err)
	}
	return nil
}

// cardSummary is what the control page shows of a hosted card payment.
type cardSummary struct {
	CaptureMode          string
	Authorized, Captured int64
	Voided               bool
	Brand, LastFour      string // "" until the card is known
}

// recentCardSummaries returns the card parts of the newest limit
// payments, by paymentId.
func recentCardSummaries(ctx context.Context, db *sql.DB, limit int) (map[string]cardSummary, error) {
	rows, err := db.QueryContext(ctx, `
		SELECT c.payment_id, c.capture_mode, c.authorized, c.captured, c.voided_at IS NOT NULL,
			coalesce(k.brand, ''), coalesce(k.last_four, '')
		FROM card_payments c LEFT JOIN cards k ON k.token = c.card_token
		WHERE c.payment_id IN (SELECT payment_id FROM payments ORDER BY id DESC LIMIT ?)`, limit)
	if err != nil {
		return nil, fmt.Errorf("sandbox: list card payments: %w", err)
	}
	defer rows.Close()
	out := make(map[string]cardSummary)
	for rows.Next() {
		var id string
		var c cardSummary
		if err := rows.Scan(&id, &c.CaptureMode, &c.Authorized, &c.Captured, &c.Voided, &c.Brand, &c.LastFour); err != nil {
			return nil, fmt.Errorf("sandbox: list card payments: %w", err)
		}
		out[id] = c
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("sandbox: list card payments: %w", err)
	}
	return out, nil
}
