package sandbox

import (
	"context"
	"fmt"

	"antom-checkout/antom"
)

// revoke answers authorizations/revoke (API.md §4.3): the merchant ends a
// link; its access and refresh tokens stop working. No notification is
// sent: the merchant asked.
func (s *Sandbox) revoke(ctx context.Context, c *Call) (any, error) {
	var req antom.RevokeRequest
	if bad := decodeBody(c.Body, &req); bad != nil {
		return bad, nil
	}
	if req.AccessToken == "" {
		return failure(codeParamIllegal, "accessToken is required"), nil
	}
	tx, err := s.writer.BeginTx(ctx, nil)
	if err != nil {
		return nil, fmt.Errorf("sandbox: revoke: %w", err)
	}
	defer tx.Rollback()
	t, found, err := tokenByAccess(ctx, tx, string(req.AccessToken))
	if err != nil {
		return nil, err
	}
	if !found || !t.usable(c.Merchant.ClientID, s.now()) {
		return failure(antom.CodeInvalidAccessToken, "accessToken is not valid: unknown, expired, revoked or canceled"), nil
	}
	if _, err := endToken(ctx, tx, t.ID, tokenRevoked, s.now()); err != nil {
		return nil, err
	}
	if err := tx.Commit(); err != nil {
		return nil, fmt.Errorf("sandbox: revoke: %w", err)
	}
	s.log.Info("sandbox: token revoked", "client_id", t.ClientID, "wallet", t.Wallet, "token_id", t.ID)
	return resultBody{successResult()}, nil
}
