package antom

// ConsultRequest asks for an authorization URL or QR code (Scan to Link),
// API.md §4.1. Field order follows the official SDK, so bodies match it
// byte for byte.
type ConsultRequest struct {
	AuthClientID      string   `json:"authClientId,omitempty"`
	AuthNotifyURL     string   `json:"authNotifyUrl,omitempty"`
	CustomerBelongsTo string   `json:"customerBelongsTo"`
	AuthRedirectURL   string   `json:"authRedirectUrl"`
	Scopes            []string `json:"scopes"`
	AuthState         string   `json:"authState"`
	TerminalType      string   `json:"terminalType,omitempty"` // deprecated form of Env.TerminalType
	OSType            string   `json:"osType,omitempty"`
	OSVersion         string   `json:"osVersion,omitempty"`
	Env               Env      `json:"env,omitzero"`
	MerchantRegion    string   `json:"merchantRegion,omitempty"`
	RecurringPayment  Bool     `json:"recurringPayment,omitempty"`
	MerchantAccountID string   `json:"merchantAccountId,omitempty"`
	ExtendInfo        string   `json:"extendInfo,omitempty"`
}

// Authorization scopes.
const (
	ScopeAgreementPay = "AGREEMENT_PAY"
	ScopeBaseUserInfo = "BASE_USER_INFO"
	ScopeUserLoginID  = "USER_LOGIN_ID"
)

// requestID is the authState's Fingerprint, never the authState itself:
// the authState ties the wallet's answer to the buyer (a decline, a phone
// sent back with an authCode), so it stays out of logs and timelines.
func (r *ConsultRequest) requestID() string { return Fingerprint(r.AuthState) }

// ConsultResponse carries the URLs and, for Scan to Link, the QR code
// values in AuthCodeForm.
type ConsultResponse struct {
	Result        Result       `json:"result"`
	AuthURL       string       `json:"authUrl,omitempty"`
	NormalURL     string       `json:"normalUrl,omitempty"`
	SchemeURL     string       `json:"schemeUrl,omitempty"`
	ApplinkURL    string       `json:"applinkUrl,omitempty"`
	AppIdentifier string       `json:"appIdentifier,omitempty"`
	AuthCodeForm  AuthCodeForm `json:"authCodeForm,omitzero"`
}

// AuthCodeForm holds the codes a buyer scans.
type AuthCodeForm struct {
	CodeDetails []CodeDetail `json:"codeDetails,omitempty"`
}

// CodeDetail is one code: for displayType TEXT, CodeValue is the text to
// render as a QR code; for the image types it is an image URL.
type CodeDetail struct {
	CodeValueType string `json:"codeValueType,omitempty"` // QRCODE, BARCODE
	DisplayType   string `json:"displayType,omitempty"`   // TEXT, SMALLIMAGE, MIDDLEIMAGE, BIGIMAGE, IMAGE
	CodeValue     string `json:"codeValue,omitempty"`
}

// QRText returns the first QRCODE/TEXT code value, the one to render.
func (f AuthCodeForm) QRText() string {
	for _, d := range f.CodeDetails {
		if d.CodeValueType == "QRCODE" && d.DisplayType == "TEXT" {
			return d.CodeValue
		}
	}
	return ""
}

// ApplyTokenRequest exchanges an auth code (or a refresh token) for an
// access token, API.md §4.2.
type ApplyTokenRequest struct {
	GrantType         string `json:"grantType"`
	CustomerBelongsTo string `json:"customerBelongsTo"`
	AuthCode          Secret `json:"authCode,omitempty"`
	RefreshToken      Secret `json:"refreshToken,omitempty"`
	MerchantRegion    string `json:"merchantRegion,omitempty"`
	MerchantAccountID string `json:"merchantAccountId,omitempty"`
	ExtendInfo        string `json:"extendInfo,omitempty"`
}

// Grant types.
const (
	GrantAuthorizationCode = "AUTHORIZATION_CODE"
	GrantRefreshToken      = "REFRESH_TOKEN"
)

// requestID names the call by the credential it exchanges, as consult's
// by its authState: applyToken has no id of its own. The authCode's (or,
// for GrantRefreshToken, the refresh token's) Fingerprint, never the
// value: the lines of one link's, or one refresh's, tries carry the same.
func (r *ApplyTokenRequest) requestID() string {
	if r.GrantType == GrantRefreshToken {
		return Fingerprint(string(r.RefreshToken))
	}
	return Fingerprint(string(r.AuthCode))
}

// ApplyTokenResponse carries the tokens. UserLoginID is masked by the
// wallet (e.g. 852-97****10): display only.
type ApplyTokenResponse struct {
	Result                 Result          `json:"result"`
	AccessToken            Secret          `json:"accessToken,omitempty"`
	AccessTokenExpiryTime  string          `json:"accessTokenExpiryTime,omitempty"`
	RefreshToken           Secret          `json:"refreshToken,omitempty"`
	RefreshTokenExpiryTime string          `json:"refreshTokenExpiryTime,omitempty"`
	UserLoginID            string          `json:"userLoginId,omitempty"`
	PSPCustomerInfo        PSPCustomerInfo `json:"pspCustomerInfo,omitzero"`
}

// RevokeRequest ends an access token, API.md §4.3.
type RevokeRequest struct {
	AccessToken       Secret `json:"accessToken"`
	MerchantAccountID string `json:"merchantAccountId,omitempty"`
	ExtendInfo        string `json:"extendInfo,omitempty"`
}

// requestID names the call by the token it ends, the only id a revoke
// has: its Fingerprint, never the token.
func (r *RevokeRequest) requestID() string { return Fingerprint(string(r.AccessToken)) }

// RevokeResponse is the result only.
type RevokeResponse struct {
	Result Result `json:"result"`
}
