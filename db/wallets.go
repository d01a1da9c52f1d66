package db

import (
	"context"
	"fmt"
	"time"
)

// Wallet statuses. Only ACTIVE wallets are offered at checkout. REVOKING
// waits for revoke to answer S; REVOKED, CANCELED and INVALID are final
// and keep no token.
const (
	WalletActive   = "ACTIVE"
	WalletRevoking = "REVOKING"
	WalletRevoked  = "REVOKED"
	WalletCanceled = "CANCELED"
	WalletInvalid  = "INVALID"
)

// WalletStatuses returns every wallet status above, in their order: the
// list checkout's rules by status are tested against (its wallets box's
// walletTelling), so that a status added here without a rule fails
// there. db's own test checks it names every Wallet… status constant.
func WalletStatuses() []string {
	return []string{WalletActive, WalletRevoking, WalletRevoked, WalletCanceled, WalletInvalid}
}

// Wallet is a buyer's linked e-wallet and its (sealed) tokens.
type Wallet struct {
	ID                    int64
	BuyerID               int64
	Wallet                string
	UserLoginID           string
	AccessTokenSealed     []byte
	AccessTokenHash       string
	AccessTokenExpiresAt  time.Time
	RefreshTokenSealed    []byte
	RefreshTokenExpiresAt time.Time
	Status                string
	LinkedAt              time.Time
	RevokeAttempts        int
	RevokeNextAt          time.Time
	EndedAt               time.Time
	EndReason             string
	UpdatedAt             time.Time
	// ReplacedBy is the wallet that replaced this one when the same
	// account was linked again (InsertWalletReplacing); 0 if none.
	ReplacedBy int64
}

const walletColumns = `id, buyer_id, wallet, user_login_id, access_token_sealed, access_token_hash,
	access_token_expires_at, refresh_token_sealed, refresh_token_expires_at, status, linked_at,
	revoke_attempts, revoke_next_at, ended_at, end_reason, updated_at, replaced_by`

func scanWallet(row scanner) (Wallet, error) {
	var w Wallet
	var accessExp, refreshExp, linked, revokeNext, ended, updated string
	err := row.Scan(&w.ID, &w.BuyerID, &w.Wallet, &w.UserLoginID, &w.AccessTokenSealed, &w.AccessTokenHash,
		&accessExp, &w.RefreshTokenSealed, &refreshExp, &w.Status, &linked, &w.RevokeAttempts, &revokeNext,
		&ended, &w.EndReason, &updated, &w.ReplacedBy)
	if err != nil {
		return Wallet{}, err
	}
	w.AccessTokenExpiresAt, w.RefreshTokenExpiresAt = parseTime(accessExp), parseTime(refreshExp)
	w.LinkedAt, w.RevokeNextAt = parseTime(linked), parseTime(revokeNext)
	w.EndedAt, w.UpdatedAt = parseTime(ended), parseTime(updated)
	return w, nil
}

// InsertWallet saves a newly linked wallet; ErrDuplicate if its access
// token is already stored, or if the buyer has an ACTIVE wallet of the
// same account (InsertWalletReplacing replaces it instead).
func (q *Queries) InsertWallet(ctx context.Context, w Wallet) (int64, error) {
	return insertNew(ctx, q.q, "insert wallet", `INSERT INTO wallets (buyer_id, wallet, user_login_id,
		access_token_sealed, access_token_hash, access_token_expires_at, refresh_token_sealed,
		refresh_token_expires_at, status, linked_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
		ON CONFLICT DO NOTHING RETURNING id`,
		w.BuyerID, w.Wallet, w.UserLoginID, w.AccessTokenSealed, w.AccessTokenHash,
		formatTime(w.AccessTokenExpiresAt), w.RefreshTokenSealed, formatTime(w.RefreshTokenExpiresAt),
		w.Status, formatTime(w.LinkedAt), formatTime(w.LinkedAt))
}

// WalletByID returns a wallet; ErrNotFound if there is none.
func (q *Queries) WalletByID(ctx context.Context, id int64) (Wallet, error) {
	return q.wallet(ctx, `WHERE id = ?`, id)
}

// WalletByTokenHash finds the wallet of an access token.
func (q *Queries) WalletByTokenHash(ctx context.Context, hash string) (Wallet, error) {
	return q.wallet(ctx, `WHERE access_token_hash = ?`, hash)
}

func (q *Queries) wallet(ctx context.Context, where string, arg any) (Wallet, error) {
	return queryOne(ctx, q.q, "wallet", scanWallet, `SELECT `+walletColumns+` FROM wallets `+where, arg)
}

// BuyerWallets returns a buyer's wallets in the given statuses, newest
// first. A read of one buyer's few rows by index (wallets_buyer_idx),
// on every signed-in checkout page: it does not watch the request's
// cancellation (lookup).
func (q *Queries) BuyerWallets(ctx context.Context, buyerID int64, statuses ...string) ([]Wallet, error) {
	args := appendArgs([]any{buyerID}, statuses...)
	where := `WHERE buyer_id = ? AND status IN (` + placeholders(len(statuses)) + `) ORDER BY id DESC`
	return q.wallets(lookup(ctx), where, args...)
}

// WalletsToRevoke returns REVOKING wallets whose next try is due.
func (q *Queries) WalletsToRevoke(ctx context.Context, now time.Time) ([]Wallet, error) {
	return q.wallets(ctx, `WHERE status = 'REVOKING' AND revoke_next_at <= ? ORDER BY id`, formatTime(now))
}

// WalletsToRefresh returns ACTIVE wallets with a refresh token whose
// access token expires before the given time.
func (q *Queries) WalletsToRefresh(ctx context.Context, before time.Time) ([]Wallet, error) {
	return q.wallets(ctx, `WHERE status = 'ACTIVE' AND refresh_token_sealed IS NOT NULL
		AND access_token_expires_at != '' AND access_token_expires_at < ? ORDER BY id`, formatTime(before))
}

func (q *Queries) wallets(ctx context.Context, where string, args ...any) ([]Wallet, error) {
	return queryAll(ctx, q.q, "wallets", scanWallet, `SELECT `+walletColumns+` FROM wallets `+where, args...)
}

// StartRevoke moves an ACTIVE wallet to REVOKING (it leaves checkout at
// once); the first revoke try is due now.
func (q *Queries) StartRevoke(ctx context.Context, id int64, now time.Time) (bool, error) {
	return q.changed(ctx, "start revoke", `UPDATE wallets SET status = 'REVOKING', revoke_next_at = ?, updated_at = ?
		WHERE id = ? AND status = 'ACTIVE'`, formatTime(now), formatTime(now), id)
}

// RetryRevokeAt records a revoke try whose outcome is unknown and when to
// try again.
func (q *Queries) RetryRevokeAt(ctx context.Context, id int64, next, now time.Time) error {
	_, err := q.q.ExecContext(ctx, `UPDATE wallets SET revoke_attempts = revoke_attempts + 1, revoke_next_at = ?,
		updated_at = ? WHERE id = ? AND status = 'REVOKING'`, formatTime(next), formatTime(now), id)
	if err != nil {
		return fmt.Errorf("db: retry revoke: %w", err)
	}
	return nil
}

// EndWallet moves a wallet from one of the given statuses to a final one
// and forgets its tokens.
func (q *Queries) EndWallet(ctx context.Context, id int64, from []string, to, reason string, now time.Time) (bool, error) {
	args := appendArgs([]any{to, reason, formatTime(now), formatTime(now), id}, from...)
	return q.changed(ctx, "end wallet", `UPDATE wallets SET status = ?, end_reason = ?, ended_at = ?, updated_at = ?,
		access_token_sealed = NULL, refresh_token_sealed = NULL
		WHERE id = ? AND status IN (`+placeholders(len(from))+`)`, args...)
}

// ReplaceTokens stores refreshed tokens of an ACTIVE wallet.
func (q *Queries) ReplaceTokens(ctx context.Context, w Wallet, now time.Time) (bool, error) {
	return q.changed(ctx, "replace tokens", `UPDATE wallets SET access_token_sealed = ?, access_token_hash = ?,
		access_token_expires_at = ?, refresh_token_sealed = ?, refresh_token_expires_at = ?, updated_at = ?
		WHERE id = ? AND status = 'ACTIVE'`,
		w.AccessTokenSealed, w.AccessTokenHash, formatTime(w.AccessTokenExpiresAt), w.RefreshTokenSealed,
		formatTime(w.RefreshTokenExpiresAt), formatTime(now), w.ID)
}
