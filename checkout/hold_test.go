package checkout

import (
	"bytes"
	"crypto/rsa"
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"

	"antom-checkout/antom"
)

// holdPay delivers Antom's answer to pay (the call done at Antom) only
// once until returns: what the test lets happen first overtakes the
// answer.
type holdPay struct {
	until func()
	next  http.RoundTripper
}

func (h holdPay) RoundTrip(r *http.Request) (*http.Response, error) {
	resp, err := h.next.RoundTrip(r)
	if err == nil && strings.HasSuffix(r.URL.Path, "/payments/pay") {
		h.until()
	}
	return resp, err
}

// holdPayAnswers makes the service's Antom client hold every pay answer
// until until returns (holdPay).
func (e *env) holdPayAnswers(until func()) {
	e.t.Helper()
	cfg := e.clientCfg
	cfg.HTTPClient = &http.Client{Transport: holdPay{until: until, next: http.DefaultTransport}}
	client, err := antom.NewClient(cfg)
	check(e.t, err)
	e.svc.antom = client
}

// gateNotifications puts a notification endpoint in front of the
// service's that passes on what pass allows and turns the rest away (not
// acknowledged: the sandbox sends it again on its schedule).
func (e *env) gateNotifications(pass func(body []byte) bool) {
	e.t.Helper()
	inner := e.notifyHandler(e.clientCfg.ClientID)
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		body, err := io.ReadAll(r.Body)
		if err != nil {
			http.Error(w, "read", 400)
			return
		}
		if !pass(body) {
			http.Error(w, "held by the test", http.StatusServiceUnavailable)
			return
		}
		r.Body = io.NopCloser(bytes.NewReader(body))
		inner.ServeHTTP(w, r)
	}))
	e.t.Cleanup(srv.Close)
	e.svc.opts.NotifyURL = srv.URL + "/antom/notify"
}

// withoutAuthExpiry answers pay as Antom did but without authExpiryTime
// (a pay answer may come without it), and every answer signed again with
// key: the test's client trusts key's public half in place of the
// sandbox's.
type withoutAuthExpiry struct {
	key  *rsa.PrivateKey
	next http.RoundTripper
}

func (w withoutAuthExpiry) RoundTrip(r *http.Request) (*http.Response, error) {
	resp, err := w.next.RoundTrip(r)
	if err != nil {
		return resp, err
	}
	body, err := io.ReadAll(resp.Body)
	resp.Body.Close()
	if err != nil {
		return nil, err
	}
	if strings.HasSuffix(r.URL.Path, "/payments/pay") {
		var m map[string]json.RawMessage
		if err := json.Unmarshal(body, &m); err != nil {
			return nil, err
		}
		delete(m, "authExpiryTime")
		if body, err = json.Marshal(m); err != nil {
			return nil, err
		}
	}
	sig, err := antom.Sign(w.key, antom.Message{Method: http.MethodPost, Path: r.URL.Path,
		ClientID: resp.Header.Get("client-id"), Time: resp.Header.Get("response-time"), Body: body})
	if err != nil {
		return nil, err
	}
	resp.Header.Set("signature", sig)
	resp.Body, resp.ContentLength = io.NopCloser(bytes.NewReader(body)), int64(len(body))
	resp.Header.Del("Content-Length")
	return resp, nil
}

// payAnswersWithoutAuthExpiry makes the service's Antom client get pay's
// answers without authExpiryTime (withoutAuthExpiry).
func (e *env) payAnswersWithoutAuthExpiry() {
	e.t.Helper()
	key, err := antom.GenerateKey()
	check(e.t, err)
	cfg := e.clientCfg
	cfg.AntomPublicKey = &key.PublicKey
	cfg.HTTPClient = &http.Client{Transport: withoutAuthExpiry{key: key, next: http.DefaultTransport}}
	client, err := antom.NewClient(cfg)
	check(e.t, err)
	e.svc.antom = client
}
