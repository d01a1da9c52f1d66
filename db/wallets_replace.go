package db

import (
	"context"
	"fmt"
)

// InsertWalletReplacing saves a newly linked ACTIVE wallet (InsertWallet)
// and replaces the buyer's ACTIVE wallets of the same account: the same
// wallet (customerBelongsTo) and the same userLoginId as Antom gave it.
// Each one replaced leaves checkout at once as REVOKING, its revoke due
// now (the reconciler sends it: WalletsToRevoke), with ReplacedBy naming
// the new wallet. Antom's userLoginId is masked (0998****567), and it is
// the only account identity applyToken always gives (API.md §4.2): two
// accounts whose masked ids match are taken for one, as the buyer, who
// sees only the masked id, would take them. Without a userLoginId
// nothing is replaced. A unique index (migration 39) holds the rule: run
// this inside Tx, where no other wallet of the account can be saved
// between the replacement and the insert. It returns the new wallet's id
// and the ids it replaced, oldest first.
func (q *Queries) InsertWalletReplacing(ctx context.Context, w Wallet) (int64, []int64, error) {
	var replaced []int64
	if w.UserLoginID != "" {
		same := `buyer_id = ? AND wallet = ? AND user_login_id = ? AND status = 'ACTIVE'`
		args := []any{w.BuyerID, w.Wallet, w.UserLoginID}
		var err error
		replaced, err = queryAll(ctx, q.q, "wallets", scanWalletID, `SELECT id FROM wallets WHERE `+same+` ORDER BY id`, args...)
		if err != nil {
			return 0, nil, fmt.Errorf("db: replace wallet: %w", err)
		}
		if len(replaced) > 0 {
			now := formatTime(w.LinkedAt)
			if _, err := q.q.ExecContext(ctx, `UPDATE wallets SET status = 'REVOKING', revoke_next_at = ?, updated_at = ?
				WHERE `+same, append([]any{now, now}, args...)...); err != nil {
				return 0, nil, fmt.Errorf("db: replace wallet: %w", err)
			}
		}
	}
	id, err := q.InsertWallet(ctx, w)
	if err != nil {
		return 0, nil, err
	}
	if len(replaced) > 0 {
		args := appendArgs([]any{id}, replaced...)
		if _, err := q.q.ExecContext(ctx, `UPDATE wallets SET replaced_by = ? WHERE id IN (`+placeholders(len(replaced))+`)`,
			args...); err != nil {
			return 0, nil, fmt.Errorf("db: replace wallet: %w", err)
		}
	}
	return id, replaced, nil
}

// WalletReplaced reports whether wallet id replaced an older link of the
// same account (InsertWalletReplacing).
func (q *Queries) WalletReplaced(ctx context.Context, id int64) (bool, error) {
	var n int
	if err := q.q.QueryRowContext(ctx, `SELECT count(*) FROM wallets WHERE replaced_by = ?`, id).Scan(&n); err != nil {
		return false, fmt.Errorf("db: wallet replaced: %w", err)
	}
	return n > 0, nil
}

func scanWalletID(row scanner) (int64, error) {
	var id int64
	err := row.Scan(&id)
	return id, err
}
