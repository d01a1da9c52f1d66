package antom

import (
	"crypto/rsa"
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"testing"
	"time"
)

// assertEqual fails the test when got != want.
func assertEqual[T comparable](t *testing.T, got, want T, what string) {
	t.Helper()
	if got != want {
		t.Errorf("%s: got %v, want %v", what, got, want)
	}
}

// assertTrue fails the test when cond is false.
func assertTrue(t *testing.T, cond bool, what string) {
	t.Helper()
	if !cond {
		t.Errorf("%s: not true", what)
	}
}

// vector is one file of testdata/vectors (API.md §10).
type vector struct {
	Name            string              `json:"name"`
	Method          string              `json:"method"`
	Path            string              `json:"path"`
	ClientID        string              `json:"clientId"`
	RequestTime     string              `json:"requestTime"`
	Body            string              `json:"body"`
	ContentToSign   string              `json:"contentToSign"`
	Signature       string              `json:"signature"`
	SignatureBase64 string              `json:"signatureBase64"`
	SignatureHeader string              `json:"signatureHeader"`
	SignedWith      string              `json:"signedWith"`
	VerifyWith      string              `json:"verifyWith"`
	HTTPHeaders     map[string][]string `json:"httpHeaders"`
	Response        *vectorResponse     `json:"response"`
	ExpectedAckBody string              `json:"expectedAckBody"`
}

// vectorResponse is the signed answer recorded with a request vector.
type vectorResponse struct {
	ResponseTime    string `json:"responseTime"`
	ClientID        string `json:"clientId"`
	Body            string `json:"body"`
	ContentToSign   string `json:"contentToSign"`
	SignatureHeader string `json:"signatureHeader"`
	SignedWith      string `json:"signedWith"`
	VerifyWith      string `json:"verifyWith"`
}

const vectorDir = "testdata/vectors"

// loadVector reads testdata/vectors/<name>.json.
func loadVector(t testing.TB, name string) vector {
	t.Helper()
	data, err := os.ReadFile(filepath.Join(vectorDir, name+".json"))
	if err != nil {
		t.Fatal(err)
	}
	var v vector
	if err := json.Unmarshal(data, &v); err != nil {
		t.Fatal(err)
	}
	return v
}

// vectorNames lists all 10 vectors; requestVectors the 6 with a response.
func vectorNames() []string {
	return append(requestVectors(), "notifyPayment", "notifyPayment_card", "notifyAuthorization", "notifyAuthorization_tokenCanceled")
}

func requestVectors() []string {
	return []string{"consult", "applyToken", "applyToken_refresh", "pay_agreement", "pay_agreement_sandbox", "pay_cashier_card"}
}

// readKey returns the text of a file under testdata/vectors.
func readKey(t testing.TB, file string) string {
	t.Helper()
	data, err := os.ReadFile(filepath.Join(vectorDir, file))
	if err != nil {
		t.Fatal(err)
	}
	return string(data)
}

func privateKey(t testing.TB, file string) *rsa.PrivateKey {
	t.Helper()
	k, err := ParsePrivateKey(readKey(t, file))
	if err != nil {
		t.Fatal(err)
	}
	return k
}

func publicKey(t testing.TB, file string) *rsa.PublicKey {
	t.Helper()
	k, err := ParsePublicKey(readKey(t, file))
	if err != nil {
		t.Fatal(err)
	}
	return k
}

// testKeys are the four vector keys, parsed.
type testKeys struct {
	merchant    *rsa.PrivateKey
	merchantPub *rsa.PublicKey
	antom       *rsa.PrivateKey
	antomPub    *rsa.PublicKey
}

func loadKeys(t testing.TB) testKeys {
	t.Helper()
	return testKeys{
		merchant:    privateKey(t, "keys/merchant_private_pkcs8.pem"),
		merchantPub: publicKey(t, "keys/merchant_public_x509.pem"),
		antom:       privateKey(t, "keys/antom_private_pkcs8.pem"),
		antomPub:    publicKey(t, "keys/antom_public_x509.pem"),
	}
}

const testClientID = "TEST_5X00000000000000"

// newTestClient builds a Client for srv with the vector keys.
func newTestClient(t *testing.T, k testKeys, srvURL string, tweak func(*Config)) *Client {
	t.Helper()
	cfg := Config{
		GatewayURL:      srvURL,
		ClientID:        testClientID,
		PrivateKey:      k.merchant,
		AntomPublicKey:  k.antomPub,
		AllowAnyGateway: true,
	}
	if tweak != nil {
		tweak(&cfg)
	}
	c, err := NewClient(cfg)
	if err != nil {
		t.Fatal(err)
	}
	return c
}

// signedAnswer writes body as Antom would: lower-case client-id,
// response-time and signature headers, signed with key over the request
// path.
func signedAnswer(t testing.TB, w http.ResponseWriter, r *http.Request, key *rsa.PrivateKey, clientID, body string) {
	t.Helper()
	rt := time.Date(2026, 11, 22, 9, 35, 22, 0, time.FixedZone("", 8*3600)).Format(isoOffset)
	sig, err := Sign(key, Message{Method: "POST", Path: r.URL.Path, ClientID: clientID, Time: rt, Body: []byte(body)})
	if err != nil {
		t.Error(err)
	}
	h := w.Header()
	h["Content-Type"] = []string{"application/json; charset=UTF-8"}
	h["client-id"] = []string{clientID}
	h["response-time"] = []string{rt}
	h["signature"] = []string{sig}
	w.Write([]byte(body))
}

// antomServer answers every call with body, signed by the Antom test key.
func antomServer(t *testing.T, k testKeys, body string) *httptest.Server {
	t.Helper()
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		signedAnswer(t, w, r, k.antom, testClientID, body)
	}))
	t.Cleanup(srv.Close)
	return srv
}
