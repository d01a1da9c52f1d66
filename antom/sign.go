package antom

import (
	"crypto"
	"crypto/rsa"
	"crypto/sha256"
	"encoding/base64"
	"errors"
	"fmt"
	"net/url"
	"strings"
)

// Message is what Antom signs: requests, responses and notifications all
// use the same construction (API.md §3.1), with different keys and time
// fields.
type Message struct {
	Method   string // always POST
	Path     string // request path; for notifications the merchant's notify path
	ClientID string
	Time     string // Request-Time or response-time, copied verbatim
	Body     []byte // the exact bytes on the wire
}

// Content returns "<METHOD> <PATH>\n<ClientID>.<Time>.<Body>".
func (m Message) Content() []byte {
	b := make([]byte, 0, len(m.Method)+len(m.Path)+len(m.ClientID)+len(m.Time)+len(m.Body)+4)
	b = append(b, m.Method...)
	b = append(b, ' ')
	b = append(b, m.Path...)
	b = append(b, '\n')
	b = append(b, m.ClientID...)
	b = append(b, '.')
	b = append(b, m.Time...)
	b = append(b, '.')
	b = append(b, m.Body...)
	return b
}

// ErrBadSignature means a signature is missing, malformed or does not
// match the message. It never says more than that.
var ErrBadSignature = errors.New("antom: signature does not verify")

const signaturePrefix = "algorithm=RSA256,keyVersion=1,signature="

// Sign returns the Signature header value for m:
// "algorithm=RSA256,keyVersion=1,signature=<url-encoded std base64>".
func Sign(key *rsa.PrivateKey, m Message) (string, error) {
	if key == nil {
		return "", errors.New("antom: sign: no private key")
	}
	digest := sha256.Sum256(m.Content())
	sig, err := rsa.SignPKCS1v15(nil, key, crypto.SHA256, digest[:])
	if err != nil {
		return "", fmt.Errorf("antom: sign: %w", err)
	}
	return signaturePrefix + url.QueryEscape(base64.StdEncoding.EncodeToString(sig)), nil
}

// Verify checks a Signature header value against m. Like Antom's SDKs it
// reads everything after the first "signature=", so spaces after the
// commas and the order of the other items do not matter.
func Verify(pub *rsa.PublicKey, m Message, header string) error {
	if pub == nil {
		return ErrBadSignature
	}
	sig, err := DecodeSignature(header)
	if err != nil {
		return err
	}
	digest := sha256.Sum256(m.Content())
	if rsa.VerifyPKCS1v15(pub, crypto.SHA256, digest[:], sig) != nil {
		return ErrBadSignature
	}
	return nil
}

// DecodeSignature extracts the raw signature bytes from a header value.
func DecodeSignature(header string) ([]byte, error) {
	_, value, ok := strings.Cut(header, "signature=")
	value = strings.TrimSpace(value)
	if !ok || value == "" {
		return nil, ErrBadSignature
	}
	// The value is URL-encoded standard base64. Unescaping a raw (not
	// encoded) value turns '+' into a space, which then fails to decode:
	// that is refused rather than guessed at (API.md §9.5).
	unescaped, err := url.QueryUnescape(value)
	if err != nil {
		return nil, ErrBadSignature
	}
	sig, err := base64.StdEncoding.DecodeString(unescaped)
	if err != nil || len(sig) == 0 {
		return nil, ErrBadSignature
	}
	return sig, nil
}

// SandboxClient reports whether clientID is one of Antom's sandbox
// environment (SANDBOX_…): its payments move no real money (API.md §1.3).
func SandboxClient(clientID string) bool { return strings.HasPrefix(clientID, "SANDBOX_") }

// SandboxPath rewrites "/ams/api/…" to "/ams/sandbox/api/…" for SANDBOX_
// client ids, as every Antom SDK does before signing (API.md §1.3).
func SandboxPath(clientID, path string) string {
	if SandboxClient(clientID) && strings.HasPrefix(path, "/ams/api/") {
		return "/ams/sandbox/api/" + strings.TrimPrefix(path, "/ams/api/")
	}
	return path
}
