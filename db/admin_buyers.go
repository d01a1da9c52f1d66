package db

import "context"

// AllBuyerWallets returns a buyer's wallets in every status, newest first.
func (q *Queries) AllBuyerWallets(ctx context.Context, buyerID int64) ([]Wallet, error) {
	return q.wallets(ctx, `WHERE buyer_id = ? ORDER BY id DESC`, buyerID)
}
