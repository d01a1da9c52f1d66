package checkout

import (
	"context"

	"antom-checkout/db"
)

// ToldUnlinkedByBuyer: the buyer unlinked the wallet here (REVOKED, asked
// by the buyer). The wallets box does not tell it (walletTelling: the
// buyer knows), but a payment refused with it says so: the buyer may
// have pressed a pay button left on a page from before (WalletEnded).
const ToldUnlinkedByBuyer WalletTold = "unlinked_by_buyer"

// WalletEnded is what became of one of buyerID's wallets, as a payment
// refused with it tells it: walletTelling's row however long ago it
// ended (an unlink under way, cancelled in the wallet app, no longer
// valid, unlinked by the shop), ToldUnlinkedByBuyer for the buyer's own
// unlink, "" while it is linked. EndedAt says when (zero while an unlink
// is under way). A wallet that is not buyerID's is ErrNotFound.
func (s *Service) WalletEnded(ctx context.Context, buyerID, walletID int64) (ToldWallet, error) {
	w, err := s.ownWallet(ctx, buyerID, walletID)
	if err != nil {
		return ToldWallet{}, err
	}
	t, err := s.tellingOf(ctx, w, false)
	if err != nil {
		return ToldWallet{}, err
	}
	told := t.told
	if told == "" && w.Status == db.WalletRevoked {
		told = ToldUnlinkedByBuyer
	}
	return ToldWallet{savedWallet(w), told}, nil
}
