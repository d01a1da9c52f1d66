package sandbox

import (
	"context"
	"encoding/json"
	"fmt"
	"slices"
	"time"
	"unicode/utf8"

	"antom-checkout/antom"
)

// qrLifetime is how long a consult's QR code can be scanned (seeds 000 and
// 001: no authorization after 15 minutes means it failed); scaled.
const qrLifetime = 15 * time.Minute

// Wallet-app paths the consult answer points at.
const (
	pathAuthorize = "/sandbox/wallet/authorize"
	pathQRImage   = "/sandbox/wallet/qr.png"
)

// consult answers authorizations/consult (API.md §4.1): for terminal type
// WEB a single-use QR code pointing at the test wallet app (Scan to Link,
// §8.1); for WAP and APP the same wallet app page as normalUrl and
// applinkUrl, opened on the buyer's own phone.
func (s *Sandbox) consult(ctx context.Context, c *Call) (any, error) {
	var req antom.ConsultRequest
	if bad := decodeBody(c.Body, &req); bad != nil {
		return bad, nil
	}
	if bad := checkConsult(c.Merchant, &req); bad != nil {
		return bad, nil
	}
	return s.consultQR(ctx, c.Merchant.ClientID, &req)
}

// checkConsult validates a Scan to Link consult.
func checkConsult(m Merchant, r *antom.ConsultRequest) *resultBody {
	if r.CustomerBelongsTo == "" {
		return fail(codeParamIllegal, "customerBelongsTo is required")
	}
	if _, ok := brandOf(r.CustomerBelongsTo); !ok {
		return fail(codeNoPayOptions, fmt.Sprintf(
			"Scan to Link is not available for customerBelongsTo %q; the sandbox supports %s",
			r.CustomerBelongsTo, walletCodes()))
	}
	if bad := checkScopes(r.Scopes); bad != nil {
		return bad
	}
	if n := utf8.RuneCountInString(r.AuthState); n == 0 || n > 256 {
		return fail(codeParamIllegal, "authState is required, 1 to 256 characters")
	}
	if bad := checkConsultURLs(m, r); bad != nil {
		return bad
	}
	return checkTerminal(r)
}

// checkScopes wants AGREEMENT_PAY among at most four known scopes.
func checkScopes(scopes []string) *resultBody {
	known := []string{antom.ScopeAgreementPay, antom.ScopeBaseUserInfo, "USER_INFO",
		antom.ScopeUserLoginID, "HASH_LOGIN_ID", "SEND_OTP", "TAOBAO_REBIND"}
	if len(scopes) > 4 {
		return fail(codeParamIllegal, "scopes has at most 4 items")
	}
	for _, sc := range scopes {
		switch {
		case sc == "AGREEEMENT_PAY":
			return fail(codeParamIllegal, `unknown scope "AGREEEMENT_PAY": the guide's spelling is a typo, send AGREEMENT_PAY`)
		case !slices.Contains(known, sc):
			return fail(codeParamIllegal, fmt.Sprintf("unknown scope %q", sc))
		}
	}
	if !slices.Contains(scopes, antom.ScopeAgreementPay) {
		return fail(codeParamIllegal, "scopes must contain AGREEMENT_PAY for Scan to Link")
	}
	return nil
}

// checkConsultURLs checks authRedirectUrl, authNotifyUrl and that the
// authorization notification has somewhere to go.
func checkConsultURLs(m Merchant, r *antom.ConsultRequest) *resultBody {
	const limit = 1024
	switch {
	case r.AuthRedirectURL == "":
		return fail(codeParamIllegal, "authRedirectUrl is required")
	case !isHTTPURL(r.AuthRedirectURL, limit):
		return fail(codeParamIllegal, "authRedirectUrl must be an absolute http(s) URL of at most 1024 characters")
	case r.AuthNotifyURL != "" && !isHTTPURL(r.AuthNotifyURL, limit):
		return fail(codeParamIllegal, "authNotifyUrl must be an absolute http(s) URL of at most 1024 characters")
	case r.AuthNotifyURL == "" && m.NotifyURL == "":
		return fail(codeParamIllegal, "authNotifyUrl is required: this client id has no registered notification URL")
	}
	return nil
}

// terminalOf is the consult's terminal type, from env.terminalType or the
// deprecated top-level terminalType; osTypeOf likewise.
func terminalOf(r *antom.ConsultRequest) string { return or(r.Env.TerminalType, r.TerminalType) }
func osTypeOf(r *antom.ConsultRequest) string   { return or(r.Env.OSType, r.OSType) }

// checkTerminal wants terminal type WEB (Scan to Link) or, on the buyer's
// phone, WAP or APP with osType IOS or ANDROID.
func checkTerminal(r *antom.ConsultRequest) *resultBody {
	switch t := terminalOf(r); t {
	case antom.TerminalWeb:
		return nil
	case antom.TerminalWap, antom.TerminalApp:
		if os := osTypeOf(r); os != "IOS" && os != "ANDROID" {
			return fail(codeParamIllegal, fmt.Sprintf("env.osType must be IOS or ANDROID when env.terminalType is %s", t))
		}
		return nil
	case "":
		return fail(codeParamIllegal, "env.terminalType is required (WEB for Scan to Link, WAP or APP on the buyer's phone)")
	default:
		return fail(codeParamIllegal, fmt.Sprintf("env.terminalType %q is not supported by the sandbox's consult: use WEB, WAP or APP", t))
	}
}

func or(v, def string) string {
	if v != "" {
		return v
	}
	return def
}

// consultQR issues the QR code for a checked consult, or replays the
// answer of an earlier consult with the same authState while its QR code
// is still usable.
func (s *Sandbox) consultQR(ctx context.Context, clientID string, r *antom.ConsultRequest) (any, error) {
	tx, err := s.writer.BeginTx(ctx, nil)
	if err != nil {
		return nil, fmt.Errorf("sandbox: consult: %w", err)
	}
	defer tx.Rollback()
	old, found, err := qrByState(ctx, tx, clientID, r.AuthState)
	if err != nil {
		return nil, err
	}
	if found {
		return s.repeatConsult(old, r), nil
	}
	q, err := s.newQR(clientID, r)
	if err != nil {
		return nil, err
	}
	if err := insertQR(ctx, tx, q); err != nil {
		return nil, err
	}
	if err := tx.Commit(); err != nil {
		return nil, fmt.Errorf("sandbox: consult: %w", err)
	}
	s.log.Info("sandbox: QR code issued", "client_id", clientID, "wallet", q.Wallet, "auth_state_fp", antom.Fingerprint(q.AuthState))
	return json.RawMessage(q.Answer), nil
}

// repeatConsult answers a consult whose authState was seen before.
func (s *Sandbox) repeatConsult(old authQR, r *antom.ConsultRequest) any {
	if old.usable(s.now()) != nil {
		return failure(codeParamIllegal, "authState already used: its QR code was used or has expired; consult again with a new authState")
	}
	if old.Wallet != r.CustomerBelongsTo || old.RedirectURL != r.AuthRedirectURL || old.NotifyURL != r.AuthNotifyURL ||
		old.TerminalType != terminalOf(r) {
		return failure(codeParamIllegal, "authState already used by a consult with other parameters")
	}
	return json.RawMessage(old.Answer)
}

// newQR builds the QR code record and the consult answer for r.
func (s *Sandbox) newQR(clientID string, r *antom.ConsultRequest) (authQR, error) {
	now := s.now()
	q := authQR{
		Code:         newCode(),
		ClientID:     clientID,
		AuthState:    r.AuthState,
		Wallet:       r.CustomerBelongsTo,
		RedirectURL:  r.AuthRedirectURL,
		NotifyURL:    r.AuthNotifyURL,
		Status:       qrPending,
		CreatedAt:    now,
		ExpiresAt:    now.Add(s.scaled(qrLifetime)),
		TerminalType: terminalOf(r),
	}
	q.TextValue = s.walletURL(pathAuthorize, q.Code)
	answer := antom.ConsultResponse{
		Result:    successResult(),
		AuthURL:   q.TextValue,
		NormalURL: q.TextValue,
	}
	if q.onPhone() {
		// The wallet app is a web page: its address is the app link a
		// phone opens (no scheme URL: no app is installed to take one).
		answer.ApplinkURL = q.TextValue
	} else {
		answer.AuthCodeForm = antom.AuthCodeForm{CodeDetails: []antom.CodeDetail{
			{CodeValueType: "QRCODE", DisplayType: "TEXT", CodeValue: q.TextValue},
			{CodeValueType: "QRCODE", DisplayType: "BIGIMAGE", CodeValue: s.walletURL(pathQRImage, q.Code)},
		}}
	}
	body, _, err := encodeAnswer(answer)
	if err != nil {
		return q, fmt.Errorf("sandbox: consult answer: %w", err)
	}
	q.Answer = body
	return q, nil
}
