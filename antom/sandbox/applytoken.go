package sandbox

import (
	"context"
	"database/sql"
	"encoding/json"
	"fmt"

	"antom-checkout/antom"
)

// applyToken answers authorizations/applyToken (API.md §4.2): an auth code
// or the latest refresh token becomes a fresh access token.
func (s *Sandbox) applyToken(ctx context.Context, c *Call) (any, error) {
	var req antom.ApplyTokenRequest
	if bad := decodeBody(c.Body, &req); bad != nil {
		return bad, nil
	}
	if req.CustomerBelongsTo == "" {
		return failure(codeParamIllegal, "customerBelongsTo is required"), nil
	}
	clientID := c.Merchant.ClientID
	switch req.GrantType {
	case antom.GrantAuthorizationCode:
		if req.AuthCode == "" {
			return failure(codeParamIllegal, "authCode is required with grantType AUTHORIZATION_CODE"), nil
		}
		return s.redeemCode(ctx, clientID, req.CustomerBelongsTo, string(req.AuthCode))
	case antom.GrantRefreshToken:
		if req.RefreshToken == "" {
			return failure(codeParamIllegal, "refreshToken is required with grantType REFRESH_TOKEN"), nil
		}
		return s.refresh(ctx, clientID, req.CustomerBelongsTo, string(req.RefreshToken))
	case "":
		return failure(codeParamIllegal, "grantType is required"), nil
	}
	return failure(codeParamIllegal, "grantType must be AUTHORIZATION_CODE or REFRESH_TOKEN"), nil
}

// redeemCode turns an auth code into a link, once: Antom's auth codes are
// single-use, so a code presented again is INVALID_AUTHCODE (API.md §4.2,
// §8.1), however soon.
func (s *Sandbox) redeemCode(ctx context.Context, clientID, wallet, code string) (any, error) {
	tx, err := s.writer.BeginTx(ctx, nil)
	if err != nil {
		return nil, fmt.Errorf("sandbox: applyToken: %w", err)
	}
	defer tx.Rollback()
	a, found, err := authCodeByCode(ctx, tx, code)
	if err != nil {
		return nil, err
	}
	if bad := s.checkAuthCode(a, found, clientID, wallet); bad != nil {
		return bad, nil
	}
	body, err := s.issueLink(ctx, tx, a)
	if err != nil {
		return nil, err
	}
	if err := tx.Commit(); err != nil {
		return nil, fmt.Errorf("sandbox: applyToken: %w", err)
	}
	s.log.Info("sandbox: token issued", "client_id", clientID, "wallet", wallet)
	return json.RawMessage(body), nil
}

// checkAuthCode says why an auth code cannot be redeemed now, or nil.
func (s *Sandbox) checkAuthCode(a authCode, found bool, clientID, wallet string) *resultBody {
	now := s.now()
	switch {
	case !found || a.ClientID != clientID:
		return fail(antom.CodeInvalidAuthCode, "authCode is not valid")
	case a.Wallet != wallet:
		return fail(antom.CodeInvalidAuthCode, "authCode was issued for another customerBelongsTo")
	case !a.RedeemedAt.IsZero():
		return fail(antom.CodeInvalidAuthCode, "authCode has already been used")
	case !now.Before(a.ExpiresAt):
		return fail(antom.CodeInvalidAuthCode, "authCode has expired")
	}
	return nil
}

// issueLink creates the link of an auth code and records the answer on
// the code.
func (s *Sandbox) issueLink(ctx context.Context, tx *sql.Tx, a authCode) ([]byte, error) {
	q, _, err := qrByCode(ctx, tx, a.QRCode)
	if err != nil {
		return nil, err
	}
	u, err := s.userByLogin(ctx, a.Login)
	if err != nil {
		return nil, err
	}
	now := s.now()
	t := tokenRow{ClientID: a.ClientID, Login: a.Login, Wallet: a.Wallet, NotifyURL: q.NotifyURL, CreatedAt: now}
	s.newTokens(&t, now)
	if err := insertToken(ctx, tx, t, a.Code); err != nil {
		return nil, err
	}
	body, _, err := encodeAnswer(tokenAnswer(t, u.UserLoginID))
	if err != nil {
		return nil, fmt.Errorf("sandbox: applyToken answer: %w", err)
	}
	return body, redeemAuthCode(ctx, tx, a.Code, now, body)
}

// refresh rotates a link's tokens: the latest refresh token buys a new
// access token and a new refresh token; the old ones stop working.
func (s *Sandbox) refresh(ctx context.Context, clientID, wallet, refreshToken string) (any, error) {
	tx, err := s.writer.BeginTx(ctx, nil)
	if err != nil {
		return nil, fmt.Errorf("sandbox: applyToken: %w", err)
	}
	defer tx.Rollback()
	t, found, err := tokenByRefresh(ctx, tx, refreshToken)
	if err != nil {
		return nil, err
	}
	now := s.now()
	if !found || t.ClientID != clientID || t.Wallet != wallet || t.Status != tokenLive || !now.Before(t.RefreshExpires) {
		return failure(antom.CodeInvalidRefreshToken, "refreshToken is not valid: unknown, replaced by a newer one, expired, revoked or canceled"), nil
	}
	u, err := s.userByLogin(ctx, t.Login)
	if err != nil {
		return nil, err
	}
	s.newTokens(&t, now)
	if err := rotateToken(ctx, tx, t); err != nil {
		return nil, err
	}
	if err := tx.Commit(); err != nil {
		return nil, fmt.Errorf("sandbox: applyToken: %w", err)
	}
	s.log.Info("sandbox: token refreshed", "client_id", clientID, "wallet", wallet, "token_id", t.ID)
	return tokenAnswer(t, u.UserLoginID), nil
}

// tokenAnswer is the S answer carrying a link's tokens.
func tokenAnswer(t tokenRow, userLoginID string) antom.ApplyTokenResponse {
	return antom.ApplyTokenResponse{
		Result:                 successResult(),
		AccessToken:            antom.Secret(t.AccessToken),
		AccessTokenExpiryTime:  antomTime(t.AccessExpires),
		RefreshToken:           antom.Secret(t.RefreshToken),
		RefreshTokenExpiryTime: antomTime(t.RefreshExpires),
		UserLoginID:            userLoginID,
	}
}
