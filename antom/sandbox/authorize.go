package sandbox

import (
	"context"
	"database/sql"
	"encoding/json"
	"fmt"
	"net/url"

	"antom-checkout/antom"
)

// authCodeCreated is notifyAuthorization AUTHCODE_CREATED, its fields in
// the order Antom sends them (vector notifyAuthorization.json).
type authCodeCreated struct {
	AuthorizationNotifyType string       `json:"authorizationNotifyType"`
	AuthClientID            string       `json:"authClientId"`
	AuthState               string       `json:"authState"`
	AuthCode                string       `json:"authCode"`
	UserLoginID             string       `json:"userLoginId"`
	Result                  antom.Result `json:"result"`
}

// Authorize does what the test user login does by tapping Agree on the
// wallet app page of a QR code: the QR code is used up, a fresh auth code
// valid for Config.AuthCodeTTL is created, and notifyAuthorization
// AUTHCODE_CREATED is queued for the merchant. codeValue is the consult's
// TEXT codeValue (a bare code works too).
func (s *Sandbox) Authorize(ctx context.Context, codeValue, login string) error {
	_, _, err := s.agree(ctx, qrCodeOf(codeValue), login)
	return err
}

// Decline does what login does by tapping Decline: the QR code is used
// up and nothing is sent to the merchant.
func (s *Sandbox) Decline(ctx context.Context, codeValue, login string) error {
	_, err := s.decline(ctx, qrCodeOf(codeValue), login)
	return err
}

// qrCodeOf takes the code out of a TEXT codeValue.
func qrCodeOf(codeValue string) string {
	if u, err := url.Parse(codeValue); err == nil {
		if code := u.Query().Get("code"); code != "" {
			return code
		}
	}
	return codeValue
}

// agree uses the QR code for login, creates the auth code and queues the
// notification. It returns the auth code too: a consult made on the
// buyer's phone hands it back in the redirect as well.
func (s *Sandbox) agree(ctx context.Context, code, login string) (authQR, string, error) {
	var ac authCode
	var user walletUser
	q, err := s.withQR(ctx, code, login, qrAgreed, func(tx *sql.Tx, q authQR, u walletUser) error {
		if err := s.checkNotifyTarget(q); err != nil {
			return err
		}
		now := s.now()
		ac = authCode{Code: newCode(), QRCode: q.Code, ClientID: q.ClientID, Wallet: q.Wallet,
			Login: u.Login, CreatedAt: now, ExpiresAt: now.Add(s.cfg.AuthCodeTTL)}
		user = u
		return insertAuthCode(ctx, tx, ac)
	})
	if err != nil {
		return q, "", err
	}
	body, err := json.Marshal(authCodeCreated{
		AuthorizationNotifyType: antom.NotifyAuthCodeCreated,
		AuthState:               q.AuthState,
		AuthCode:                ac.Code,
		UserLoginID:             user.UserLoginID,
		Result:                  successResult(),
	})
	if err != nil {
		return q, "", fmt.Errorf("sandbox: authorize: %w", err)
	}
	if err := s.Notify(ctx, q.ClientID, q.NotifyURL, body); err != nil {
		return q, "", err
	}
	s.log.Info("sandbox: authorization agreed", "client_id", q.ClientID, "wallet", q.Wallet, "auth_state_fp", antom.Fingerprint(q.AuthState))
	return q, ac.Code, nil
}

// decline uses the QR code for login without creating anything.
func (s *Sandbox) decline(ctx context.Context, code, login string) (authQR, error) {
	q, err := s.withQR(ctx, code, login, qrDeclined, func(*sql.Tx, authQR, walletUser) error { return nil })
	if err == nil {
		s.log.Info("sandbox: authorization declined", "client_id", q.ClientID, "wallet", q.Wallet, "auth_state_fp", antom.Fingerprint(q.AuthState))
	}
	return q, err
}

// withQR checks that login may use the QR code, marks it used with status
// and runs then, all in one transaction.
func (s *Sandbox) withQR(ctx context.Context, code, login, status string, then func(*sql.Tx, authQR, walletUser) error) (authQR, error) {
	u, err := s.userByLogin(ctx, login)
	if err != nil {
		return authQR{}, err
	}
	tx, err := s.writer.BeginTx(ctx, nil)
	if err != nil {
		return authQR{}, fmt.Errorf("sandbox: use QR code: %w", err)
	}
	defer tx.Rollback()
	q, found, err := qrByCode(ctx, tx, code)
	switch {
	case err != nil:
		return q, err
	case !found:
		return q, ErrQRUnknown
	}
	if err := q.usable(s.now()); err != nil {
		return q, err
	}
	if u.Wallet != q.Wallet {
		return q, ErrWrongWallet
	}
	if err := useQR(ctx, tx, code, status, u.Login, s.now()); err != nil {
		return q, err
	}
	if err := then(tx, q, u); err != nil {
		return q, err
	}
	if err := tx.Commit(); err != nil {
		return q, fmt.Errorf("sandbox: use QR code: %w", err)
	}
	return q, nil
}

// checkNotifyTarget makes sure the authorization notification has a URL
// to go to before the QR code is used up.
func (s *Sandbox) checkNotifyTarget(q authQR) error {
	if q.NotifyURL != "" {
		return nil
	}
	if m, ok := s.merchant.get(q.ClientID); ok && m.NotifyURL != "" {
		return nil
	}
	return fmt.Errorf("sandbox: authorize: client id %s has no notification URL", q.ClientID)
}

// declineRedirect is where Decline sends the browser: the consult's
// authRedirectUrl with authState and error=USER_DECLINED appended (a
// sandbox convention, see doc.go).
func declineRedirect(q authQR) string {
	return withQuery(q.RedirectURL, url.Values{"authState": {q.AuthState}, "error": {"USER_DECLINED"}})
}

// agreeRedirect is where Agree sends a phone that consulted with WAP or
// APP: the consult's authRedirectUrl with authCode and authState appended
// (API.md §4.1). Scan to Link (WEB) sends the phone nowhere.
func agreeRedirect(q authQR, authCode string) string {
	return withQuery(q.RedirectURL, url.Values{"authCode": {authCode}, "authState": {q.AuthState}})
}

// withQuery appends parameters to a URL's query.
func withQuery(raw string, extra url.Values) string {
	u, err := url.Parse(raw)
	if err != nil {
		return raw // checked at consult; cannot happen
	}
	if u.RawQuery != "" {
		u.RawQuery += "&"
	}
	u.RawQuery += extra.Encode()
	return u.String()
}
