package antom

import (
	"encoding/base64"
	"net/url"
	"strings"
	"testing"
)

// vectorMessage returns the request message of a vector and its key.
func vectorMessage(t *testing.T, name string) (vector, Message) {
	v := loadVector(t, name)
	return v, Message{Method: v.Method, Path: v.Path, ClientID: v.ClientID, Time: v.RequestTime, Body: []byte(v.Body)}
}

// TestSignatureEncodingPitfalls covers API.md §9.5 and §9.6.
func TestSignatureEncodingPitfalls(t *testing.T) {
	pub := publicKey(t, "keys/merchant_public_x509.pem")
	v, m := vectorMessage(t, "applyToken")
	if !strings.Contains(v.SignatureBase64, "+") {
		t.Fatal("vector chosen for its '+' has none")
	}
	raw := "algorithm=RSA256,keyVersion=1,signature=" + v.SignatureBase64
	assertTrue(t, Verify(pub, m, raw) != nil, "raw base64 with '+' refused")

	sig, _ := base64.StdEncoding.DecodeString(v.SignatureBase64)
	b64url := "algorithm=RSA256,keyVersion=1,signature=" + url.QueryEscape(base64.URLEncoding.EncodeToString(sig))
	assertTrue(t, Verify(pub, m, b64url) != nil, "base64url refused")

	spaced := "algorithm=RSA256, keyVersion=1, signature=" + v.Signature
	assertTrue(t, Verify(pub, m, spaced) == nil, "spaces after commas accepted")
	assertTrue(t, Verify(pub, m, v.SignatureHeader+" ") == nil, "trailing space accepted")

	for _, bad := range []string{"", "algorithm=RSA256,keyVersion=1", "signature=", "signature=%zz"} {
		assertTrue(t, Verify(pub, m, bad) != nil, "malformed header refused: "+bad)
	}
}

// TestSandboxPath: SANDBOX_ ids call and sign /ams/sandbox/api/… (API.md
// §1.3); the full sandbox call is in TestVectorClientCalls.
func TestSandboxPath(t *testing.T) {
	assertEqual(t, SandboxPath("SANDBOX_5X00000000000000", PathPay), "/ams/sandbox/api/v1/payments/pay", "sandbox id")
	assertEqual(t, SandboxPath(testClientID, PathPay), PathPay, "test id")
	assertEqual(t, SandboxPath("SANDBOX_1", "/ams/sandbox/api/v1/payments/pay"), "/ams/sandbox/api/v1/payments/pay", "already sandbox")
	v, m := vectorMessage(t, "pay_agreement_sandbox")
	assertEqual(t, v.Path, SandboxPath(v.ClientID, PathPay), "vector path")
	sig, err := Sign(privateKey(t, v.SignedWith), m)
	assertTrue(t, err == nil, "sign")
	assertEqual(t, sig, v.SignatureHeader, "sandbox signature")
	m.Path = PathPay
	assertTrue(t, Verify(publicKey(t, v.VerifyWith), m, v.SignatureHeader) != nil, "production path does not verify a sandbox signature")
}
