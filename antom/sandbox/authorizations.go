package sandbox

import (
	"crypto/rand"
	"encoding/json"
	"errors"
	"fmt"
	"net/url"

	"antom-checkout/antom"
)

// The Scan to Link APIs (API.md §4).
const (
	apiConsult    = "authorizations/consult"
	apiApplyToken = "authorizations/applyToken"
	apiRevoke     = "authorizations/revoke"
)

// codeNoPayOptions answers a wallet the API does not support (API.md §4.2).
const codeNoPayOptions = "NO_PAY_OPTIONS"

// registerAuthorizations serves consult, applyToken and revoke.
func (s *Sandbox) registerAuthorizations() {
	s.Handle(apiConsult, s.consult)
	s.Handle(apiApplyToken, s.applyToken)
	s.Handle(apiRevoke, s.revoke)
}

// decodeBody reads a request body into v. A field of the wrong JSON type
// is the caller's mistake: PARAM_ILLEGAL, naming the field.
func decodeBody(body []byte, v any) *resultBody {
	if err := json.Unmarshal(body, v); err != nil {
		msg := "request body does not match the API"
		var te *json.UnmarshalTypeError
		if errors.As(err, &te) && te.Field != "" {
			msg = fmt.Sprintf("field %s has the wrong type (want %s)", te.Field, te.Type)
		}
		return fail(codeParamIllegal, msg)
	}
	return nil
}

// fail is failure as a pointer, for validators that return nil when all
// is well.
func fail(code, message string) *resultBody {
	f := failure(code, message)
	return &f
}

// successResult is the result of every S answer and notification but
// TOKEN_CANCELED (see messageSuccess).
func successResult() antom.Result {
	return antom.Result{ResultCode: antom.CodeSuccess, ResultStatus: antom.StatusSuccess, ResultMessage: messageSuccess}
}

// newCode returns a random, URL-safe code of 26 characters (128 bits).
func newCode() string { return rand.Text() }

// newToken returns a random token of 52 characters (256 bits).
func newToken() string { return rand.Text() + rand.Text() }

// walletURL is an absolute link into the wallet app for a QR code.
func (s *Sandbox) walletURL(path, code string) string {
	return s.cfg.BaseURL + path + "?" + url.Values{"code": {code}}.Encode()
}

// isHTTPURL reports whether raw is an absolute http(s) URL of at most limit
// characters.
func isHTTPURL(raw string, limit int) bool {
	return len(raw) <= limit && checkNotifyURL(raw) == nil
}
