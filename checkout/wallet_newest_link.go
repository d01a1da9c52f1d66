package checkout

import (
	"context"
	"errors"

	"antom-checkout/db"
)

// maxRelinks bounds the links newestLink follows: an account linked
// again more often than that (between a page and its Pay, or since a
// link attempt) is taken as no longer linked rather than followed further.
const maxRelinks = 16

// newestLink follows w's replacements — the same account linked again,
// each link replacing the one before (db.InsertWalletReplacing) — to the
// latest, the buyer's own, whatever its status (the caller checks it).
func (s *Service) newestLink(ctx context.Context, w db.Wallet) (db.Wallet, error) {
	for range maxRelinks {
		if w.ReplacedBy == 0 {
			break
		}
		next, err := s.db.WalletByID(ctx, w.ReplacedBy)
		if errors.Is(err, db.ErrNotFound) || (err == nil && next.BuyerID != w.BuyerID) {
			break
		}
		if err != nil {
			return db.Wallet{}, err
		}
		w = next
	}
	return w, nil
}
