package checkout

import (
	"bytes"
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
