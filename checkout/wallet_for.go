package checkout

import (
	"context"
	"errors"

	"antom-checkout/db"
)

// walletFor reads wallet walletID as buyerID may act on it: theirs, or
// any buyer's for staff (buyerID 0). ErrNotFound for none, and for
// another buyer's: a stranger's wallet is never told apart from a
// missing one.
func (s *Service) walletFor(ctx context.Context, buyerID, walletID int64) (db.Wallet, error) {
	w, err := s.db.WalletByID(ctx, walletID)
	if errors.Is(err, db.ErrNotFound) || (err == nil && buyerID != 0 && w.BuyerID != buyerID) {
		return db.Wallet{}, ErrNotFound
	}
	return w, err
}

// ownWallet is walletFor for a buyer's own pages: buyerID 0 (no buyer)
// finds none.
func (s *Service) ownWallet(ctx context.Context, buyerID, walletID int64) (db.Wallet, error) {
	if buyerID == 0 {
		return db.Wallet{}, ErrNotFound
	}
	return s.walletFor(ctx, buyerID, walletID)
}
