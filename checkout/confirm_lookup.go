package checkout

import (
	"context"
	"errors"
	"fmt"

	"antom-checkout/db"
)

// ErrNoLonger is WalletOf's and CardOf's answer for a wallet no longer
// linked or a card no longer kept (unlinked or removed since, an unlink
// under way, a link ended by the wallet side or by Antom) that is the
// asker's own: there is nothing left to confirm, and the confirmation
// may say so. It is an ErrNotFound, so a caller that does not tell the
// two apart answers 404, as for a stranger's wallet or card (never told
// apart from a missing one).
var ErrNoLonger = fmt.Errorf("%w: no longer linked or kept", ErrNotFound)

// WalletOf returns one active wallet, as a confirmation names it: the
// buyer's (buyerID 0: staff, any buyer's); ErrNoLonger for theirs that
// is not active any more, ErrNotFound for none or another buyer's.
func (s *Service) WalletOf(ctx context.Context, buyerID, walletID int64) (SavedWallet, error) {
	w, err := s.walletFor(ctx, buyerID, walletID)
	switch {
	case err != nil:
		return SavedWallet{}, err
	case w.Status != db.WalletActive:
		return SavedWallet{}, ErrNoLonger
	}
	return SavedWallet{ID: w.ID, Wallet: w.Wallet, WalletName: BrandName(w.Wallet), UserLoginID: w.UserLoginID, LinkedAt: w.LinkedAt}, nil
}

// CardOf returns one kept card, as a confirmation names it: the buyer's
// (buyerID 0: staff, any buyer's), or the same card kept again since
// (newestCard); ErrNoLonger for theirs that is removed, ErrNotFound for
// none or another buyer's.
func (s *Service) CardOf(ctx context.Context, buyerID, cardID int64) (SavedCard, error) {
	c, err := s.db.CardByID(ctx, cardID)
	if err == nil {
		c, err = s.newestCard(ctx, c)
	}
	switch {
	case errors.Is(err, db.ErrNotFound) || (err == nil && buyerID != 0 && c.BuyerID != buyerID):
		return SavedCard{}, ErrNotFound
	case err != nil:
		return SavedCard{}, err
	case c.Status != db.CardActive:
		return SavedCard{}, ErrNoLonger
	}
	return savedCard(c), nil
}
