package checkout

import (
	"context"
	"errors"

	"antom-checkout/db"
)

// WalletOf returns one active wallet, as a confirmation names it: the
// buyer's (buyerID 0: staff, any buyer's); ErrNotFound otherwise.
func (s *Service) WalletOf(ctx context.Context, buyerID, walletID int64) (SavedWallet, error) {
	w, err := s.db.WalletByID(ctx, walletID)
	if errors.Is(err, db.ErrNotFound) || (err == nil && ((buyerID != 0 && w.BuyerID != buyerID) || w.Status != db.WalletActive)) {
		return SavedWallet{}, ErrNotFound
	}
	if err != nil {
		return SavedWallet{}, err
	}
	return SavedWallet{ID: w.ID, Wallet: w.Wallet, WalletName: BrandName(w.Wallet), UserLoginID: w.UserLoginID, LinkedAt: w.LinkedAt}, nil
}

// CardOf returns one kept card, as a confirmation names it: the buyer's
// (buyerID 0: staff, any buyer's); ErrNotFound otherwise.
func (s *Service) CardOf(ctx context.Context, buyerID, cardID int64) (SavedCard, error) {
	c, err := s.db.CardByID(ctx, cardID)
	if errors.Is(err, db.ErrNotFound) || (err == nil && ((buyerID != 0 && c.BuyerID != buyerID) || c.Status != db.CardActive)) {
		return SavedCard{}, ErrNotFound
	}
	if err != nil {
		return SavedCard{}, err
	}
	return savedCard(c), nil
}
