package sandbox

import (
	"encoding/json"
	"errors"
	"io"
	"net"
	"net/http"
	"net/http/cookiejar"
	"net/http/httptest"
	"net/url"
	"strings"
	"sync"
	"testing"
	"time"

	"antom-checkout/antom"
)

// testClock is real time plus an offset tests move forward.
type testClock struct {
	mu  sync.Mutex
	off time.Duration
}

// now reads the clock.
func (c *testClock) now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return time.Now().Add(c.off)
}

// advance moves the clock forward by d.
func (c *testClock) advance(d time.Duration) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.off += d
}

// linkSetup is a started sandbox served over HTTP at its BaseURL, the
// vector merchant's Antom client, the merchant's notification endpoint
// and the sandbox's clock.
type linkSetup struct {
	s      *Sandbox
	url    string
	client *antom.Client
	m      *merchantServer
	clock  *testClock
}

// newLinkSetup starts a sandbox at time scale 1 on a free loopback port.
func newLinkSetup(t *testing.T) *linkSetup {
	t.Helper()
	return startLinkSetup(t, t.TempDir(), 1, &testClock{})
}

// startLinkSetup opens the sandbox in dir at the given time scale and
// clock, serves it on a free loopback port, registers the vector merchant
// with a fresh notification endpoint and starts the sandbox.
func startLinkSetup(t *testing.T, dir string, scale float64, clock *testClock) *linkSetup {
	t.Helper()
	l := serveLinkSetup(t, dir, scale, clock)
	l.s.Start(t.Context())
	return l
}

// serveLinkSetup is startLinkSetup without starting the sandbox: nothing
// is notified or settled by itself until the test calls Start.
func serveLinkSetup(t *testing.T, dir string, scale float64, clock *testClock) *linkSetup {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	must(t, err)
	base := "http://" + ln.Addr().String()
	s := openTest(t, dir, options{now: clock.now, baseURL: base, scale: scale})
	m := newMerchant(t, s, ack)
	must(t, s.Register(t.Context(), Merchant{ClientID: testClientID, PublicKey: &merchantKey(t).PublicKey, NotifyURL: m.url()}))
	srv := httptest.NewUnstartedServer(s.Handler())
	srv.Listener.Close()
	srv.Listener = ln
	srv.Start()
	t.Cleanup(srv.Close)
	client, err := antom.NewClient(antom.Config{GatewayURL: base, ClientID: testClientID, PrivateKey: merchantKey(t),
		AntomPublicKey: s.PublicKey(), AllowAnyGateway: true})
	must(t, err)
	return &linkSetup{s: s, url: base, client: client, m: m, clock: clock}
}

// consultReq is a valid Scan to Link consult.
func consultReq(state, wallet string) *antom.ConsultRequest {
	return &antom.ConsultRequest{
		CustomerBelongsTo: wallet,
		AuthRedirectURL:   "https://merchant.example/link/return?from=sandbox",
		Scopes:            []string{antom.ScopeAgreementPay},
		AuthState:         state,
		Env:               antom.Env{TerminalType: antom.TerminalWeb},
	}
}

// consult calls consult and wants S; it returns the TEXT codeValue.
func (l *linkSetup) consult(t *testing.T, state, wallet string) string {
	t.Helper()
	resp, err := l.client.Consult(t.Context(), consultReq(state, wallet))
	must(t, err)
	text := resp.AuthCodeForm.QRText()
	if text == "" {
		t.Fatalf("consult answer has no TEXT codeValue: %+v", resp)
	}
	return text
}

// authCodeNotice waits for AUTHCODE_CREATED and returns it with its body.
func (l *linkSetup) authCodeNotice(t *testing.T) (antom.NotifyAuthorization, string) {
	t.Helper()
	a := recv(t, l.m.got, "AUTHCODE_CREATED")
	equal(t, a.verified, true, "notification signature verified")
	var n antom.NotifyAuthorization
	must(t, json.Unmarshal([]byte(a.body), &n))
	equal(t, n.AuthorizationNotifyType, antom.NotifyAuthCodeCreated, "notification type")
	return n, a.body
}

// canceledNotice waits for TOKEN_CANCELED and returns it with its body.
func (l *linkSetup) canceledNotice(t *testing.T) (antom.NotifyAuthorization, string) {
	t.Helper()
	a := recv(t, l.m.got, "TOKEN_CANCELED")
	equal(t, a.verified, true, "notification signature verified")
	var n antom.NotifyAuthorization
	must(t, json.Unmarshal([]byte(a.body), &n))
	equal(t, n.AuthorizationNotifyType, antom.NotifyTokenCanceled, "notification type")
	return n, a.body
}

// applyCode redeems an auth code and returns the answer, F or S.
func (l *linkSetup) applyCode(t *testing.T, wallet string, code antom.Secret) *antom.ApplyTokenResponse {
	t.Helper()
	return l.apply(t, &antom.ApplyTokenRequest{GrantType: antom.GrantAuthorizationCode, CustomerBelongsTo: wallet, AuthCode: code})
}

// applyRefresh refreshes and returns the answer, F or S.
func (l *linkSetup) applyRefresh(t *testing.T, wallet string, refresh antom.Secret) *antom.ApplyTokenResponse {
	t.Helper()
	return l.apply(t, &antom.ApplyTokenRequest{GrantType: antom.GrantRefreshToken, CustomerBelongsTo: wallet, RefreshToken: refresh})
}

// apply calls applyToken and returns the answer, F or S.
func (l *linkSetup) apply(t *testing.T, req *antom.ApplyTokenRequest) *antom.ApplyTokenResponse {
	t.Helper()
	resp, err := l.client.ApplyToken(t.Context(), req)
	return answered(t, resp, err)
}

// consultAnswer calls consult and returns the answer, F or S.
func (l *linkSetup) consultAnswer(t *testing.T, req *antom.ConsultRequest) *antom.ConsultResponse {
	t.Helper()
	resp, err := l.client.Consult(t.Context(), req)
	return answered(t, resp, err)
}

// revoke calls revoke and returns the result, F or S.
func (l *linkSetup) revoke(t *testing.T, access antom.Secret) antom.Result {
	t.Helper()
	resp, err := l.client.Revoke(t.Context(), &antom.RevokeRequest{AccessToken: access})
	return answered(t, resp, err).Result
}

// answered returns a signed answer, S or F; anything else fails the test.
func answered[T any](t *testing.T, resp *T, err error) *T {
	t.Helper()
	var ae *antom.Error
	if err != nil && (!errors.As(err, &ae) || ae.Kind != antom.KindFailed) {
		t.Fatalf("call: %v", err)
	}
	if resp == nil {
		t.Fatal("no answer")
	}
	return resp
}

// link runs the whole flow for login in Go and returns the S answer.
func (l *linkSetup) link(t *testing.T, state, wallet, login string) *antom.ApplyTokenResponse {
	t.Helper()
	must(t, l.s.Authorize(t.Context(), l.consult(t, state, wallet), login))
	n, _ := l.authCodeNotice(t)
	resp := l.applyCode(t, wallet, n.AuthCode)
	equal(t, resp.Result.ResultCode, "SUCCESS", "applyToken result")
	return resp
}

// wantCode checks a result's status F and code.
func wantCode(t *testing.T, r antom.Result, code, what string) {
	t.Helper()
	equal(t, r.ResultStatus, antom.StatusFail, what+": status")
	equal(t, r.ResultCode, code, what+": code")
}

// outboxSize counts every notification ever queued.
func outboxSize(t *testing.T, s *Sandbox) int {
	t.Helper()
	var n int
	must(t, s.db.QueryRowContext(t.Context(), `SELECT count(*) FROM notifications`).Scan(&n))
	return n
}

// browser is the phone: a cookie jar, redirects not followed.
type browser struct {
	t *testing.T
	c *http.Client
}

// newBrowser returns a browser with an empty cookie jar.
func newBrowser(t *testing.T) *browser {
	jar, err := cookiejar.New(nil)
	must(t, err)
	return &browser{t: t, c: &http.Client{Jar: jar, CheckRedirect: func(*http.Request, []*http.Request) error {
		return http.ErrUseLastResponse
	}}}
}

// page is one answer as the browser got it.
type page struct {
	status   int
	body     string
	location string
}

// get loads a URL.
func (b *browser) get(rawURL string) page {
	b.t.Helper()
	resp, err := b.c.Get(rawURL)
	must(b.t, err)
	return readPage(b.t, resp)
}

// post submits a form.
func (b *browser) post(rawURL string, form url.Values) page {
	b.t.Helper()
	resp, err := b.c.PostForm(rawURL, form)
	must(b.t, err)
	return readPage(b.t, resp)
}

// readPage reads and closes an answer.
func readPage(t *testing.T, resp *http.Response) page {
	t.Helper()
	defer resp.Body.Close()
	body, err := io.ReadAll(resp.Body)
	must(t, err)
	return page{status: resp.StatusCode, body: string(body), location: resp.Header.Get("Location")}
}

// has fails the test unless the page contains every string.
func (p page) has(t *testing.T, what string, want ...string) {
	t.Helper()
	for _, w := range want {
		if !strings.Contains(p.body, w) {
			t.Fatalf("%s: page lacks %q:\n%s", what, w, p.body)
		}
	}
}

// signIn signs the browser in through the form and follows to target.
func (b *browser) signIn(base, login, password, code string) page {
	b.t.Helper()
	return b.post(base+"/sandbox/wallet/signin", url.Values{"login": {login}, "password": {password}, "code": {code}})
}
