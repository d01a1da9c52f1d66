package checkout

import "context"

// UnlinkUnderWay reports whether a wallet's unlink is under way, told
// ToldUnlinking by walletTelling (REVOKING: the wallet left checkout,
// Antom has not confirmed the revoke — it hangs, or answered unknown):
// what the unlink's asker is told once Unlink returned, and how a
// payment refused with it names it. False while linked, and once it
// ended (REVOKED, or ended by the wallet side meanwhile): the asker is
// told it is unlinked. A wallet that is not buyerID's (0: any buyer's,
// for staff) is ErrNotFound, as a missing one.
func (s *Service) UnlinkUnderWay(ctx context.Context, buyerID, walletID int64) (bool, error) {
	w, err := s.walletFor(ctx, buyerID, walletID)
	if err != nil {
		return false, err
	}
	t, err := s.tellingOf(ctx, w, false)
	return err == nil && t.told == ToldUnlinking, err
}
