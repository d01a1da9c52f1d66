package sandbox

import (
	"errors"
	"io"
	"mime"
	"net/http"
	"strings"

	"antom-checkout/antom"
)

// The path families Antom serves online payments under.
const (
	prefixLive    = "/ams/api/v1/"
	prefixSandbox = "/ams/sandbox/api/v1/"
)

// maxBody is the largest request body accepted.
const maxBody = 1 << 20

// rejection is an unsigned error answer.
type rejection struct {
	code, message string
}

// admit checks a request the way Antom's gateway does, in order: method,
// media type, client id, request time, signature. It reads the body.
func (s *Sandbox) admit(w http.ResponseWriter, r *http.Request) (*Call, *rejection) {
	if r.Method != http.MethodPost {
		return nil, &rejection{codeMethodNotSupported, "only POST is supported"}
	}
	if !acceptsJSON(r.Header.Values("Content-Type")) {
		return nil, &rejection{codeMediaType, "content type must be application/json"}
	}
	m, ok := s.merchant.get(r.Header.Get("Client-Id"))
	if !ok {
		return nil, &rejection{codeUnknownClient, "unknown client id"}
	}
	reqTime := r.Header.Get("Request-Time")
	if reqTime == "" {
		return nil, &rejection{codeParamIllegal, "Request-Time header is missing"}
	}
	body, err := io.ReadAll(http.MaxBytesReader(w, r.Body, maxBody))
	if err != nil {
		var tooBig *http.MaxBytesError
		if errors.As(err, &tooBig) {
			return nil, &rejection{codeParamIllegal, "request body too large"}
		}
		return nil, &rejection{codeParamIllegal, "request body could not be read"}
	}
	call := &Call{Merchant: m, API: apiName(r.URL.Path), Path: requestPath(r), RequestTime: reqTime, Body: body}
	msg := antom.Message{Method: http.MethodPost, Path: call.Path, ClientID: m.ClientID, Time: reqTime, Body: body}
	if antom.Verify(m.PublicKey, msg, r.Header.Get("Signature")) != nil {
		return nil, &rejection{codeInvalidSignature, "signature verification failed"}
	}
	return call, nil
}

// acceptsJSON reports whether any Content-Type value is application/json.
// The Go SDK sends the header twice, with and without a charset.
func acceptsJSON(values []string) bool {
	for _, v := range values {
		for part := range strings.SplitSeq(v, ",") {
			mt, _, err := mime.ParseMediaType(strings.TrimSpace(part))
			if err == nil && mt == "application/json" {
				return true
			}
		}
	}
	return false
}

// apiName strips the path family: "/ams/sandbox/api/v1/payments/pay" →
// "payments/pay".
func apiName(path string) string {
	for _, p := range [...]string{prefixLive, prefixSandbox} {
		if name, ok := strings.CutPrefix(path, p); ok {
			return name
		}
	}
	return ""
}

// requestPath is the path as the client sent it (with a query, if any):
// what the client signed and what answers are signed over.
func requestPath(r *http.Request) string {
	p := r.URL.EscapedPath()
	if r.URL.RawQuery != "" {
		p += "?" + r.URL.RawQuery
	}
	return p
}
