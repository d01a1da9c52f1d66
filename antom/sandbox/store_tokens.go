package sandbox

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"time"
)

// Token (link) statuses.
const (
	tokenLive     = "live"
	tokenRevoked  = "revoked"  // by the merchant (revoke)
	tokenCanceled = "canceled" // by the user, wallet side
)

// tokenRow is a tokens row: one link between a user and a merchant.
type tokenRow struct {
	ID                            int64
	ClientID, Login, Wallet       string
	NotifyURL                     string // the consult's authNotifyUrl
	AccessToken, RefreshToken     string
	AccessExpires, RefreshExpires time.Time
	Status                        string
	CreatedAt                     time.Time
}

// tokenColumns are the tokens columns scanToken reads.
const tokenColumns = `id, client_id, login, wallet, notify_url, access_token, refresh_token,
	access_expires_at, refresh_expires_at, status, created_at`

// rowScanner is a *sql.Row or *sql.Rows.
type rowScanner interface{ Scan(dest ...any) error }

// scanToken reads one tokens row.
func scanToken(r rowScanner) (tokenRow, error) {
	var t tokenRow
	var accessExp, refreshExp, created int64
	err := r.Scan(&t.ID, &t.ClientID, &t.Login, &t.Wallet, &t.NotifyURL, &t.AccessToken, &t.RefreshToken,
		&accessExp, &refreshExp, &t.Status, &created)
	t.AccessExpires, t.RefreshExpires = time.UnixMilli(accessExp), time.UnixMilli(refreshExp)
	t.CreatedAt = time.UnixMilli(created)
	return t, err
}

// tokenWhere reads the one token matching a condition; found is false when
// none does.
func tokenWhere(ctx context.Context, db rowQuerier, cond string, arg any) (tokenRow, bool, error) {
	t, err := scanToken(db.QueryRowContext(ctx, `SELECT `+tokenColumns+` FROM tokens WHERE `+cond, arg))
	if errors.Is(err, sql.ErrNoRows) {
		return t, false, nil
	}
	if err != nil {
		return t, false, fmt.Errorf("sandbox: read token: %w", err)
	}
	return t, true, nil
}

// tokenByAccess finds a link by its current access token.
func tokenByAccess(ctx context.Context, db rowQuerier, accessToken string) (tokenRow, bool, error) {
	return tokenWhere(ctx, db, "access_token = ?", accessToken)
}

// tokenByRefresh finds a link by its current refresh token.
func tokenByRefresh(ctx context.Context, db rowQuerier, refreshToken string) (tokenRow, bool, error) {
	return tokenWhere(ctx, db, "refresh_token = ?", refreshToken)
}

// tokenByID finds a link by id.
func tokenByID(ctx context.Context, db rowQuerier, id int64) (tokenRow, bool, error) {
	return tokenWhere(ctx, db, "id = ?", id)
}

// insertToken stores a new link, recording the auth code it came from.
func insertToken(ctx context.Context, tx *sql.Tx, t tokenRow, authCode string) error {
	_, err := tx.ExecContext(ctx, `
		INSERT INTO tokens (client_id, login, wallet, auth_code, notify_url, access_token,
			access_expires_at, refresh_token, refresh_expires_at, status, created_at)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
		t.ClientID, t.Login, t.Wallet, authCode, t.NotifyURL, t.AccessToken,
		t.AccessExpires.UnixMilli(), t.RefreshToken, t.RefreshExpires.UnixMilli(), tokenLive, t.CreatedAt.UnixMilli())
	if err != nil {
		return fmt.Errorf("sandbox: store token: %w", err)
	}
	return nil
}

// rotateToken replaces a link's access and refresh tokens.
func rotateToken(ctx context.Context, tx *sql.Tx, t tokenRow) error {
	_, err := tx.ExecContext(ctx, `
		UPDATE tokens SET access_token = ?, access_expires_at = ?, refresh_token = ?, refresh_expires_at = ?
		WHERE id = ?`,
		t.AccessToken, t.AccessExpires.UnixMilli(), t.RefreshToken, t.RefreshExpires.UnixMilli(), t.ID)
	if err != nil {
		return fmt.Errorf("sandbox: rotate token: %w", err)
	}
	return nil
}

// endToken moves a live link to status; ended is false when it was not
// live.
func endToken(ctx context.Context, tx *sql.Tx, id int64, status string, at time.Time) (ended bool, err error) {
	res, err := tx.ExecContext(ctx,
		`UPDATE tokens SET status = ?, ended_at = ? WHERE id = ? AND status = ?`,
		status, at.UnixMilli(), id, tokenLive)
	if err != nil {
		return false, fmt.Errorf("sandbox: end token: %w", err)
	}
	n, err := res.RowsAffected()
	if err != nil {
		return false, fmt.Errorf("sandbox: end token: %w", err)
	}
	return n == 1, nil
}

// liveTokens lists live links, newest first: a user's, or with login ""
// everyone's.
func (s *Sandbox) liveTokens(ctx context.Context, login string) ([]tokenRow, error) {
	rows, err := s.db.QueryContext(ctx, `SELECT `+tokenColumns+` FROM tokens
		WHERE status = ? AND (? = '' OR login = ?) ORDER BY id DESC`, tokenLive, login, login)
	if err != nil {
		return nil, fmt.Errorf("sandbox: live tokens: %w", err)
	}
	defer rows.Close()
	var out []tokenRow
	for rows.Next() {
		t, err := scanToken(rows)
		if err != nil {
			return nil, fmt.Errorf("sandbox: live tokens: %w", err)
		}
		out = append(out, t)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("sandbox: live tokens: %w", err)
	}
	return out, nil
}
