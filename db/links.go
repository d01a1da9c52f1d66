package db

import (
	"context"
	"fmt"
	"time"
)

// Link attempt statuses. PENDING waits for the buyer to scan and agree;
// AUTHORIZED holds an authCode waiting for applyToken; the rest are final.
const (
	LinkPending    = "PENDING"
	LinkAuthorized = "AUTHORIZED"
	LinkLinked     = "LINKED"
	LinkFailed     = "FAILED"
	LinkExpired    = "EXPIRED"
	LinkSuperseded = "SUPERSEDED"
	LinkDeclined   = "DECLINED"
)

// LinkAttempt is one Scan to Link consult: one authState, one QR.
type LinkAttempt struct {
	ID             int64
	AuthState      string
	BuyerID        int64
	Wallet         string
	ReturnTo       string
	Status         string
	CodeValue      string
	AuthCodeSealed []byte
	AuthCodeHash   string
	AuthorizedAt   time.Time
	ApplyAttempts  int
	FailureCode    string
	// WalletID is the wallet the attempt linked (LINKED); on a
	// SUPERSEDED attempt, the wallet an earlier attempt of the same buyer
	// linked while this one still waited (SupersedeByLink): the attempt
	// reads as linked to it. 0 otherwise.
	WalletID     int64
	CreatedAt    time.Time
	ExpiresAt    time.Time
	UpdatedAt    time.Time
	TerminalType string // WEB (a QR code to scan) or WAP (the wallet opens on this phone)
	OpenURL      string // WAP: where "Open <wallet>" goes
}

const linkColumns = `id, auth_state, buyer_id, wallet, return_to, status, code_value, auth_code_sealed,
	auth_code_hash, authorized_at, apply_attempts, failure_code, COALESCE(wallet_id, 0), created_at,
	expires_at, updated_at, terminal_type, open_url`

func scanLink(row scanner) (LinkAttempt, error) {
	var l LinkAttempt
	var authorized, created, expires, updated string
	err := row.Scan(&l.ID, &l.AuthState, &l.BuyerID, &l.Wallet, &l.ReturnTo, &l.Status, &l.CodeValue,
		&l.AuthCodeSealed, &l.AuthCodeHash, &authorized, &l.ApplyAttempts, &l.FailureCode, &l.WalletID,
		&created, &expires, &updated, &l.TerminalType, &l.OpenURL)
	if err != nil {
		return LinkAttempt{}, err
	}
	l.AuthorizedAt, l.CreatedAt = parseTime(authorized), parseTime(created)
	l.ExpiresAt, l.UpdatedAt = parseTime(expires), parseTime(updated)
	return l, nil
}

// InsertLinkAttempt records a new attempt before consult is called.
func (q *Queries) InsertLinkAttempt(ctx context.Context, l LinkAttempt) (int64, error) {
	if l.TerminalType == "" {
		l.TerminalType = "WEB"
	}
	id, err := insertID(ctx, q.q, `INSERT INTO link_attempts
		(auth_state, buyer_id, wallet, return_to, status, created_at, expires_at, updated_at, terminal_type)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id`,
		l.AuthState, l.BuyerID, l.Wallet, l.ReturnTo, l.Status, formatTime(l.CreatedAt),
		formatTime(l.ExpiresAt), formatTime(l.CreatedAt), l.TerminalType)
	if err != nil {
		return 0, fmt.Errorf("db: insert link attempt: %w", err)
	}
	return id, nil
}

// LinkAttemptByID returns an attempt; ErrNotFound if there is none.
func (q *Queries) LinkAttemptByID(ctx context.Context, id int64) (LinkAttempt, error) {
	return q.linkAttempt(ctx, `WHERE id = ?`, id)
}

// LinkAttemptByState returns the attempt of an authState.
func (q *Queries) LinkAttemptByState(ctx context.Context, authState string) (LinkAttempt, error) {
	return q.linkAttempt(ctx, `WHERE auth_state = ?`, authState)
}

func (q *Queries) linkAttempt(ctx context.Context, where string, arg any) (LinkAttempt, error) {
	return queryOne(ctx, q.q, "link attempt", scanLink, `SELECT `+linkColumns+` FROM link_attempts `+where, arg)
}

// PendingLinkOf returns the buyer's newest PENDING attempt for wallet
// made for terminalType (WEB or WAP), with or without a way to link yet
// (a QR code value, an open URL): its consult may still be out.
// ErrNotFound if there is none.
func (q *Queries) PendingLinkOf(ctx context.Context, buyerID int64, wallet, terminalType string) (LinkAttempt, error) {
	return queryOne(ctx, q.q, "pending link", scanLink, `SELECT `+linkColumns+` FROM link_attempts
		WHERE buyer_id = ? AND wallet = ? AND terminal_type = ? AND status = 'PENDING'
		ORDER BY id DESC LIMIT 1`, buyerID, wallet, terminalType)
}

// SetLinkCode stores the QR code value consult returned, on a PENDING
// attempt that has no way to link yet. False when the attempt has moved
// on meanwhile (failed as a consult that never answered, expired,
// superseded): an ended attempt never changes, and its late code is not
// kept.
func (q *Queries) SetLinkCode(ctx context.Context, id int64, codeValue string, now time.Time) (bool, error) {
	return q.changed(ctx, "set link code", `UPDATE link_attempts SET code_value = ?, updated_at = ?
		WHERE id = ? AND status = 'PENDING' AND code_value = '' AND open_url = ''`, codeValue, formatTime(now), id)
}

// SetLinkOpenURL stores where a phone's "Open <wallet>" goes (a WAP
// consult's answer), as SetLinkCode does: false when the attempt has
// moved on meanwhile.
func (q *Queries) SetLinkOpenURL(ctx context.Context, id int64, openURL string, now time.Time) (bool, error) {
	return q.changed(ctx, "set link open URL", `UPDATE link_attempts SET open_url = ?, updated_at = ?
		WHERE id = ? AND status = 'PENDING' AND code_value = '' AND open_url = ''`, openURL, formatTime(now), id)
}

// AuthorizeLink moves an unexpired attempt still waiting for the wallet —
// PENDING, or SUPERSEDED by the buyer (RenewLink, SupersedeByLink) and
// never authorized — to AUTHORIZED with its authCode. It reports false
// when the attempt was in neither state, already held a code, or expired.
func (q *Queries) AuthorizeLink(ctx context.Context, id int64, sealedCode []byte, codeHash string, now time.Time) (bool, error) {
	return q.changed(ctx, "authorize link", `UPDATE link_attempts
		SET status = 'AUTHORIZED', auth_code_sealed = ?, auth_code_hash = ?, authorized_at = ?, updated_at = ?
		WHERE id = ? AND status IN ('PENDING', 'SUPERSEDED') AND auth_code_hash = '' AND expires_at > ?`,
		sealedCode, codeHash, formatTime(now), formatTime(now), id, formatTime(now))
}

// ClaimApply leases an AUTHORIZED attempt to one worker until leaseUntil,
// so that applyToken runs once per authCode however many workers look.
func (q *Queries) ClaimApply(ctx context.Context, id int64, now, leaseUntil time.Time) (bool, error) {
	return q.changed(ctx, "claim apply", `UPDATE link_attempts
		SET apply_lease_until = ?, apply_attempts = apply_attempts + 1, updated_at = ?
		WHERE id = ? AND status = 'AUTHORIZED' AND apply_lease_until < ?`,
		formatTime(leaseUntil), formatTime(now), id, formatTime(now))
}

// FinishLink marks an AUTHORIZED attempt LINKED to its new wallet.
func (q *Queries) FinishLink(ctx context.Context, id, walletID int64, now time.Time) (bool, error) {
	return q.changed(ctx, "finish link", `UPDATE link_attempts
		SET status = 'LINKED', wallet_id = ?, auth_code_sealed = NULL, updated_at = ?
		WHERE id = ? AND status = 'AUTHORIZED'`, walletID, formatTime(now), id)
}

// FailLink marks a PENDING or AUTHORIZED attempt FAILED with a code.
func (q *Queries) FailLink(ctx context.Context, id int64, code string, now time.Time) (bool, error) {
	return q.changed(ctx, "fail link", `UPDATE link_attempts
		SET status = 'FAILED', failure_code = ?, auth_code_sealed = NULL, updated_at = ?
		WHERE id = ? AND status IN ('PENDING', 'AUTHORIZED')`, code, formatTime(now), id)
}

// EndPendingLink ends a PENDING attempt as EXPIRED, SUPERSEDED or DECLINED.
func (q *Queries) EndPendingLink(ctx context.Context, id int64, status string, now time.Time) (bool, error) {
	return q.changed(ctx, "end link", `UPDATE link_attempts SET status = ?, updated_at = ?
		WHERE id = ? AND status = 'PENDING'`, status, formatTime(now), id)
}

// waitingLinkWhere is, of a link_attempts row, that it still waits for
// the buyer's agreement in the wallet: PENDING, or SUPERSEDED by the
// buyer (a new code asked for) and not yet pointed at a wallet another
// attempt linked (SupersedeByLink), holding no authCode, within its
// time (the one argument: now).
const waitingLinkWhere = `status IN ('PENDING', 'SUPERSEDED') AND wallet_id IS NULL AND auth_code_hash = '' AND expires_at > ?`

// OtherWaitingLinks returns buyerID's other attempts for wallet than
// attempt id that still wait for an agreement at now (waitingLinkWhere):
// the one that replaced it (RenewLink), the one it replaced, or another
// press of Link for the same wallet.
func (q *Queries) OtherWaitingLinks(ctx context.Context, buyerID int64, wallet string, id int64, now time.Time) ([]LinkAttempt, error) {
	return q.linkAttempts(ctx, `WHERE buyer_id = ? AND wallet = ? AND id != ? AND `+waitingLinkWhere+` ORDER BY id`,
		buyerID, wallet, id, formatTime(now))
}

// SupersedeByLink ends an attempt still waiting (waitingLinkWhere) as
// SUPERSEDED because another attempt of the same buyer linked walletID
// meanwhile: the attempt keeps walletID and reads as linked to it. False
// when it no longer waited.
func (q *Queries) SupersedeByLink(ctx context.Context, id, walletID int64, now time.Time) (bool, error) {
	return q.changed(ctx, "supersede link by a link", `UPDATE link_attempts SET status = 'SUPERSEDED', wallet_id = ?, updated_at = ?
		WHERE id = ? AND `+waitingLinkWhere, walletID, formatTime(now), id, formatTime(now))
}

// PendingLinksPast returns PENDING attempts whose time is up.
func (q *Queries) PendingLinksPast(ctx context.Context, now time.Time) ([]LinkAttempt, error) {
	return q.linkAttempts(ctx, `WHERE status = 'PENDING' AND expires_at <= ? ORDER BY id`, formatTime(now))
}

// LinksAwaitingToken returns AUTHORIZED attempts no worker holds a lease on.
func (q *Queries) LinksAwaitingToken(ctx context.Context, now time.Time) ([]LinkAttempt, error) {
	return q.linkAttempts(ctx, `WHERE status = 'AUTHORIZED' AND apply_lease_until < ? ORDER BY id`, formatTime(now))
}

func (q *Queries) linkAttempts(ctx context.Context, where string, args ...any) ([]LinkAttempt, error) {
	return queryAll(ctx, q.q, "link attempts", scanLink, `SELECT `+linkColumns+` FROM link_attempts `+where, args...)
}

// changed runs a conditional UPDATE and reports whether it changed a row:
// the compare-and-set that keeps every state move single.
func (q *Queries) changed(ctx context.Context, what, query string, args ...any) (bool, error) {
	res, err := q.q.ExecContext(ctx, query, args...)
	if err != nil {
		return false, fmt.Errorf("db: %s: %w", what, err)
	}
	n, err := res.RowsAffected()
	if err != nil {
		return false, fmt.Errorf("db: %s: %w", what, err)
	}
	return n == 1, nil
}
