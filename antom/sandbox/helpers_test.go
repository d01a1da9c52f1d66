package sandbox

import (
	"bytes"
	"context"
	"crypto/rsa"
	"encoding/json"
	"net/http"
	"os"
	"path/filepath"
	"testing"
	"time"

	"antom-checkout/antom"
)

const (
	vectorDir      = "../testdata/vectors"
	testClientID   = "TEST_5X00000000000000"
	sandboxClient  = "SANDBOX_5X00000000000000"
	waitLimit      = 5 * time.Second
	requestVectors = 6
)

// equal fails the test when got != want.
func equal[T comparable](t *testing.T, got, want T, what string) {
	t.Helper()
	if got != want {
		t.Fatalf("%s: got %v, want %v", what, got, want)
	}
}

// must fails the test on err.
func must(t *testing.T, err error) {
	t.Helper()
	if err != nil {
		t.Fatal(err)
	}
}

// recv waits for one value from ch.
func recv[T any](t *testing.T, ch <-chan T, what string) T {
	t.Helper()
	select {
	case v := <-ch:
		return v
	case <-time.After(waitLimit):
		t.Fatalf("timed out waiting for %s", what)
		panic("unreachable")
	}
}

// vector is the part of a test vector file the tests read.
type vector struct {
	Name        string              `json:"name"`
	Path        string              `json:"path"`
	ClientID    string              `json:"clientId"`
	RequestTime string              `json:"requestTime"`
	Body        string              `json:"body"`
	HTTPHeaders map[string][]string `json:"httpHeaders"`
	Response    *struct {
		ResponseTime    string `json:"responseTime"`
		Body            string `json:"body"`
		SignatureHeader string `json:"signatureHeader"`
	} `json:"response"`
}

// requestVectorList loads every request vector (those with a response).
func requestVectorList(t *testing.T) []vector {
	t.Helper()
	files, err := filepath.Glob(filepath.Join(vectorDir, "*.json"))
	must(t, err)
	var out []vector
	for _, f := range files {
		b, err := os.ReadFile(f)
		must(t, err)
		var v vector
		must(t, json.Unmarshal(b, &v))
		if v.Response != nil {
			out = append(out, v)
		}
	}
	equal(t, len(out), requestVectors, "request vectors")
	return out
}

// vectorMessage is the resultMessage of a vector: its response's, or for
// a notification its body's.
func vectorMessage(t *testing.T, name string) string {
	t.Helper()
	b, err := os.ReadFile(filepath.Join(vectorDir, name))
	must(t, err)
	var v vector
	must(t, json.Unmarshal(b, &v))
	body := v.Body
	if v.Response != nil {
		body = v.Response.Body
	}
	var r struct{ Result antom.Result }
	must(t, json.Unmarshal([]byte(body), &r))
	if r.Result.ResultMessage == "" {
		t.Fatalf("vector %s has no resultMessage", name)
	}
	return r.Result.ResultMessage
}

// readKeyFile returns the trimmed content of a vector key file.
func readKeyFile(t *testing.T, name string) string {
	t.Helper()
	b, err := os.ReadFile(filepath.Join(vectorDir, "keys", name))
	must(t, err)
	return string(bytes.TrimSpace(b))
}

// merchantKey is the vectors' merchant private key.
func merchantKey(t *testing.T) *rsa.PrivateKey {
	t.Helper()
	k, err := antom.ParsePrivateKey(readKeyFile(t, "merchant_private_pkcs8.b64"))
	must(t, err)
	return k
}

// options tune a test sandbox.
type options struct {
	scale       float64
	now         func() time.Time
	hook        func(attemptEvent)
	baseURL     string        // "" → http://127.0.0.1:1
	authCodeTTL time.Duration // 0 → the default
}

// openTest opens a sandbox in dir, seeded with the vectors' "Antom" key (so
// no key is generated), and closes it at the end of the test.
func openTest(t *testing.T, dir string, o options) *Sandbox {
	t.Helper()
	if _, err := os.Stat(filepath.Join(dir, antomPrivateFile)); err != nil {
		must(t, os.MkdirAll(dir, 0o700))
		must(t, createLine(dir, antomPrivateFile, readKeyFile(t, "antom_private_pkcs8.b64")))
	}
	base := o.baseURL
	if base == "" {
		base = "http://127.0.0.1:1"
	}
	s, err := Open(t.Context(), Config{DataDir: dir, BaseURL: base, TimeScale: o.scale, Now: o.now, AuthCodeTTL: o.authCodeTTL})
	must(t, err)
	s.attemptHook = o.hook
	t.Cleanup(func() { s.Close() })
	return s
}

// newTest opens a fresh sandbox with the vector merchants registered.
func newTest(t *testing.T, o options) *Sandbox {
	t.Helper()
	s := openTest(t, t.TempDir(), o)
	pub := &merchantKey(t).PublicKey
	for _, id := range []string{testClientID, sandboxClient} {
		must(t, s.Register(t.Context(), Merchant{ClientID: id, PublicKey: pub}))
	}
	return s
}

// signedRequest builds a request signed with the vectors' merchant key.
func signedRequest(t *testing.T, base, clientID, path string, body []byte) *http.Request {
	t.Helper()
	reqTime := "1795311322280"
	sig, err := antom.Sign(merchantKey(t), antom.Message{Method: "POST", Path: path, ClientID: clientID, Time: reqTime, Body: body})
	must(t, err)
	req, err := http.NewRequestWithContext(context.Background(), http.MethodPost, base+path, bytes.NewReader(body))
	must(t, err)
	req.Header.Set("Content-Type", "application/json; charset=UTF-8")
	req.Header.Set("Client-Id", clientID)
	req.Header.Set("Request-Time", reqTime)
	req.Header.Set("Signature", sig)
	return req
}

// resultOf decodes the result of an answer body.
func resultOf(t *testing.T, body []byte) antom.Result {
	t.Helper()
	var v struct {
		Result antom.Result `json:"result"`
	}
	must(t, json.Unmarshal(body, &v))
	return v.Result
}

// verifyAnswer checks a signed answer's signature against the request path.
func verifyAnswer(t *testing.T, s *Sandbox, h http.Header, path string, body []byte) {
	t.Helper()
	msg := antom.Message{Method: "POST", Path: path, ClientID: header(h, "client-id"), Time: header(h, "response-time"), Body: body}
	if err := antom.Verify(s.PublicKey(), msg, header(h, "signature")); err != nil {
		t.Fatalf("answer signature: %v", err)
	}
}

// success is a minimal successful answer.
func success() map[string]any {
	return map[string]any{"result": antom.Result{ResultCode: "SUCCESS", ResultStatus: "S", ResultMessage: "success."}}
}

// header reads a header written under its lower-case name (as a recorder
// keeps it) or parsed from the wire (canonical).
func header(h http.Header, name string) string {
	if v := h[name]; len(v) > 0 {
		return v[0]
	}
	return h.Get(name)
}
