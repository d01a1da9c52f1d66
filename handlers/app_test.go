package handlers

import (
	"antom-checkout/internal/sessioncodec"
	"context"
	"crypto/rsa"
	"errors"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"os"
	"strings"
	"testing"
	"time"

	"github.com/alexedwards/scs/v2"
	"golang.org/x/crypto/bcrypt"

	"antom-checkout/antom"
	"antom-checkout/checkout"
	"antom-checkout/db/dbtest"
)

const (
	testClientID   = "SANDBOX_5X00000000000000"
	testGatewayURL = "https://open-sea-global.alipay.com"
	vectorKeys     = "../antom/testdata/vectors/keys/"
)

// testApp is the handlers over a real database, with Antom's vector keys.
type testApp struct {
	*App
	antomKey *rsa.PrivateKey // signs notifications as Antom would
	now      time.Time
	gateway  error // what the gateway check answers
}

func newTestApp(t *testing.T) *testApp {
	t.Helper()
	return newTestAppWith(t, nil)
}

// newTestAppWith is newTestApp with the domain's options adjusted by tune
// (nil: none), e.g. a short ActionWait.
func newTestAppWith(t *testing.T, tune func(*checkout.Options)) *testApp {
	t.Helper()
	database := dbtest.Open(t) // TEST_DB=postgres: on PostgreSQL
	sealer, err := checkout.NewSealer([]byte("0123456789abcdef0123456789abcdef"))
	if err != nil {
		t.Fatal(err)
	}
	ta := &testApp{antomKey: mustPrivateKey(t, "antom_private_pkcs8.b64"), now: time.Now()}
	now := func() time.Time { return ta.now }
	log := slog.New(slog.DiscardHandler)
	opts := checkout.Options{GatewayURL: testGatewayURL, PasswordCost: bcrypt.MinCost}
	if tune != nil {
		tune(&opts)
	}
	ta.App = &App{
		Log:      log,
		DB:       database,
		Sessions: sessions(),
		Checkout: checkout.NewService(checkout.Deps{DB: database, Sealer: sealer, Log: log, Now: now, Options: opts}),
		Notify: &antom.NotifyVerifier{
			PublicKey: mustPublicKey(t, "antom_public_x509.b64"),
			ClientID:  testClientID,
			Path:      "/antom/notify",
			Now:       now,
		},
		ClientID: testClientID,
		Merchant: "Tea & Co.",
		Gateway: Gateway{
			URL:     testGatewayURL,
			Sandbox: false,
			Check:   func(context.Context) error { return ta.gateway },
		},
		Now: now,
	}
	return ta
}

func mustPrivateKey(t *testing.T, name string) *rsa.PrivateKey {
	t.Helper()
	b, err := os.ReadFile(vectorKeys + name)
	if err != nil {
		t.Fatal(err)
	}
	k, err := antom.ParsePrivateKey(string(b))
	if err != nil {
		t.Fatal(err)
	}
	return k
}

func mustPublicKey(t *testing.T, name string) *rsa.PublicKey {
	t.Helper()
	b, err := os.ReadFile(vectorKeys + name)
	if err != nil {
		t.Fatal(err)
	}
	k, err := antom.ParsePublicKey(string(b))
	if err != nil {
		t.Fatal(err)
	}
	return k
}

// do sends a request through the whole handler chain.
func (ta *testApp) do(req *http.Request) *httptest.ResponseRecorder {
	rec := httptest.NewRecorder()
	ta.Routes().ServeHTTP(rec, req)
	return rec
}

func (ta *testApp) get(path string) *httptest.ResponseRecorder {
	return ta.do(httptest.NewRequest(http.MethodGet, path, nil))
}

// notification builds a POST to /antom/notify signed as Antom signs.
func (ta *testApp) notification(t *testing.T, clientID, path, requestTime string, body []byte) *http.Request {
	t.Helper()
	sig, err := antom.Sign(ta.antomKey, antom.Message{Method: "POST", Path: path, ClientID: clientID, Time: requestTime, Body: body})
	if err != nil {
		t.Fatal(err)
	}
	req := httptest.NewRequest(http.MethodPost, "/antom/notify", strings.NewReader(string(body)))
	req.Header["content-type"] = []string{"application/json; charset=UTF-8"}
	req.Header["client-id"] = []string{clientID}
	req.Header["request-time"] = []string{requestTime}
	req.Header["signature"] = []string{sig}
	return req
}

func body(t *testing.T, rec *httptest.ResponseRecorder) string {
	t.Helper()
	b, err := io.ReadAll(rec.Body)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

func assertEqual[T comparable](t *testing.T, got, want T, what string) {
	t.Helper()
	if got != want {
		t.Fatalf("%s = %v, want %v", what, got, want)
	}
}

var errDown = errors.New("gateway unreachable")

// sessions is a session manager storing sessions as the app does
// (sessioncodec): a handler putting a value the app cannot keep fails
// here as it would fail in the app.
func sessions() *scs.SessionManager {
	m := scs.New()
	m.Codec = sessioncodec.Codec{}
	return m
}
