package sandbox

import (
	"context"
	"encoding/json"
	"fmt"
	"time"

	"antom-checkout/antom"
)

// tokenCanceledNotice is notifyAuthorization TOKEN_CANCELED, its fields in the
// order Antom sends them (vector notifyAuthorization_tokenCanceled.json).
type tokenCanceledNotice struct {
	AuthorizationNotifyType string       `json:"authorizationNotifyType"`
	AccessToken             string       `json:"accessToken"`
	Reason                  string       `json:"reason,omitempty"`
	Result                  antom.Result `json:"result"`
}

// walletCancelReason is the reason the wallet app's Unlink gives.
const walletCancelReason = "user canceled in wallet app"

// SetTokenLifetime makes access tokens issued (or refreshed) from now on
// expire after d, so that refresh and expiry can be tested; 0 restores the
// seed's validity table (Alipay 92 years, the other wallets 100). Refresh
// tokens keep the table's validity plus a year. d is not scaled.
func (s *Sandbox) SetTokenLifetime(d time.Duration) {
	s.tokenLife.Store(int64(max(d, 0)))
}

// tokenLifetime is the override set with SetTokenLifetime, or 0.
func (s *Sandbox) tokenLifetime() time.Duration { return time.Duration(s.tokenLife.Load()) }

// newTokens fills in fresh access and refresh tokens and their expiry
// times for a link of wallet t.Wallet.
func (s *Sandbox) newTokens(t *tokenRow, now time.Time) {
	years := 100
	if b, ok := brandOf(t.Wallet); ok {
		years = b.TokenYears
	}
	t.AccessToken, t.RefreshToken = newToken(), newToken()
	t.AccessExpires = now.AddDate(years, 0, 0)
	t.RefreshExpires = now.AddDate(years+1, 0, 0)
	if d := s.tokenLifetime(); d > 0 {
		t.AccessExpires = now.Add(d)
	}
}

// tokenUser returns the test user and wallet an access token lets
// clientID charge; ok is false when the token is unknown, another
// merchant's, revoked, cancelled or expired.
func (s *Sandbox) tokenUser(ctx context.Context, clientID, accessToken string) (walletUser, bool, error) {
	t, found, err := tokenByAccess(ctx, s.db, accessToken)
	if err != nil || !found || !t.usable(clientID, s.now()) {
		return walletUser{}, false, err
	}
	u, err := s.userByLogin(ctx, t.Login)
	if err != nil {
		return walletUser{}, false, err
	}
	return u, true, nil
}

// usable reports whether clientID may use the link's access token now.
func (t tokenRow) usable(clientID string, now time.Time) bool {
	return t.ClientID == clientID && t.Status == tokenLive && now.Before(t.AccessExpires)
}

// CancelToken does what the user does with Unlink in the wallet app: the
// link of accessToken (its current access token) ends and
// notifyAuthorization TOKEN_CANCELED with reason is queued for the
// merchant. ErrTokenNotLive when there is no such live link.
func (s *Sandbox) CancelToken(ctx context.Context, accessToken, reason string) error {
	t, found, err := tokenByAccess(ctx, s.db, accessToken)
	if err != nil {
		return err
	}
	if !found {
		return ErrTokenNotLive
	}
	return s.cancelLink(ctx, t.ID, reason)
}

// cancelLink ends a live link wallet-side and tells its merchant.
func (s *Sandbox) cancelLink(ctx context.Context, id int64, reason string) error {
	tx, err := s.writer.BeginTx(ctx, nil)
	if err != nil {
		return fmt.Errorf("sandbox: cancel token: %w", err)
	}
	defer tx.Rollback()
	t, found, err := tokenByID(ctx, tx, id)
	if err != nil {
		return err
	}
	if !found || t.Status != tokenLive {
		return ErrTokenNotLive
	}
	if _, err := endToken(ctx, tx, id, tokenCanceled, s.now()); err != nil {
		return err
	}
	if err := tx.Commit(); err != nil {
		return fmt.Errorf("sandbox: cancel token: %w", err)
	}
	s.log.Info("sandbox: token canceled in the wallet", "client_id", t.ClientID, "wallet", t.Wallet, "token_id", t.ID)
	return s.notifyCanceled(ctx, t, reason)
}

// notifyCanceled queues TOKEN_CANCELED for a link: to the merchant's
// registered notification URL, or the consult's authNotifyUrl when it has
// none.
func (s *Sandbox) notifyCanceled(ctx context.Context, t tokenRow, reason string) error {
	body, err := json.Marshal(tokenCanceledNotice{
		AuthorizationNotifyType: antom.NotifyTokenCanceled,
		AccessToken:             t.AccessToken,
		Reason:                  reason,
		Result:                  antom.Result{ResultCode: antom.CodeSuccess, ResultStatus: antom.StatusSuccess, ResultMessage: messageTokenCanceled},
	})
	if err != nil {
		return fmt.Errorf("sandbox: cancel token: %w", err)
	}
	target := ""
	if m, ok := s.merchant.get(t.ClientID); !ok || m.NotifyURL == "" {
		target = t.NotifyURL
	}
	return s.Notify(ctx, t.ClientID, target, body)
}

// maskToken shows only a token's last four characters.
func maskToken(token string) string {
	if len(token) <= 4 {
		return "••••"
	}
	return "••••" + token[len(token)-4:]
}
