package checkout

import (
	"context"

	"antom-checkout/antom"
	"antom-checkout/db"
	"antom-checkout/lang"
)

// refreshIfDue refreshes a wallet, under its lease, if it still needs it
// now that the lease is held (another instance may have just done it).
func (s *Service) refreshIfDue(ctx context.Context, id int64) {
	w, err := s.db.WalletByID(ctx, id)
	if err != nil {
		s.log.Error("read wallet", "wallet", id, "err", err)
		return
	}
	due := s.now().Add(s.opts.RefreshWindow)
	if w.Status == db.WalletActive && w.RefreshTokenSealed != nil && !w.AccessTokenExpiresAt.IsZero() && w.AccessTokenExpiresAt.Before(due) {
		s.refresh(ctx, w)
	}
}

// refresh renews a wallet's access token with its latest refresh token
// (grantType REFRESH_TOKEN, API.md §8.1 step 6). A refused refresh token
// means the buyer must link again; an unknown outcome waits for the next
// round.
func (s *Service) refresh(ctx context.Context, w db.Wallet) {
	subject := walletSubject(w.ID)
	token, err := s.sealer.Open(w.RefreshTokenSealed, sealPurposeRefreshToken)
	if err != nil {
		s.endWallet(ctx, w.ID, db.WalletInvalid, "refresh token unreadable; link again")
		return
	}
	resp, err := s.antom.ApplyToken(withSubject(ctx, subject), &antom.ApplyTokenRequest{
		GrantType: antom.GrantRefreshToken, CustomerBelongsTo: w.Wallet, RefreshToken: antom.Secret(token),
	})
	switch {
	case err == nil && resp.AccessToken != "":
		s.setTokens(&w, resp)
		if resp.RefreshToken == "" {
			// No new refresh token: keep using the one we have.
			w.RefreshTokenSealed = s.sealer.Seal(token, sealPurposeRefreshToken)
		}
		ok, err := s.db.ReplaceTokens(ctx, w, s.now())
		if err != nil {
			s.log.Error("store refreshed tokens", "wallet", w.ID, "err", err)
		} else if ok {
			s.record(ctx, nil, subject, EventReconciler, "access token refreshed; now valid until "+lang.StaffTime(w.AccessTokenExpiresAt, storedZone))
		}
	case antom.IsFailed(err):
		s.endWallet(ctx, w.ID, db.WalletInvalid, "refresh refused ("+failureCode(err)+"); link again")
	default:
		// Said only while the wallet is still ACTIVE (refreshed again
		// later): it may have ended meanwhile (recordWhileOpen).
		s.recordWhileOpen(ctx, subject, EventReconciler, "refresh outcome unknown; will try again", func(ctx context.Context, q *db.Queries) (bool, error) {
			w, err := q.WalletByID(ctx, w.ID)
			return err == nil && w.Status == db.WalletActive, err
		})
	}
}
