package sandbox

import (
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"testing"
	"time"

	"antom-checkout/antom"
)

// TestScanToLinkOverHTTP walks the whole flow as the merchant and the
// phone see it: consult, the wallet app with a cookie jar, the signed
// AUTHCODE_CREATED, applyToken and its idempotent retry window.
func TestScanToLinkOverHTTP(t *testing.T) {
	l := newLinkSetup(t)
	const state = "state-http-1"
	resp, err := l.client.Consult(t.Context(), consultReq(state, "ALIPAY_HK"))
	must(t, err)
	text := resp.AuthCodeForm.QRText()
	code := qrCodeOf(text)
	equal(t, text, l.url+"/sandbox/wallet/authorize?code="+code, "TEXT codeValue")
	equal(t, resp.AuthURL, text, "authUrl")
	equal(t, resp.NormalURL, text, "normalUrl")
	equal(t, len(code) >= 24, true, "code length ≥ 24")
	details := resp.AuthCodeForm.CodeDetails
	equal(t, len(details), 2, "code details")
	equal(t, details[1].DisplayType, "BIGIMAGE", "image display type")
	equal(t, details[1].CodeValue, l.url+"/sandbox/wallet/qr.png?code="+code, "image codeValue")

	phone := newBrowser(t)
	img := phone.get(details[1].CodeValue)
	equal(t, img.status, http.StatusOK, "QR image status")
	equal(t, strings.HasPrefix(img.body, "\x89PNG\r\n"), true, "QR image is a PNG")

	p := phone.get(text)
	equal(t, p.status, http.StatusOK, "sign-in page status")
	p.has(t, "sign-in page", `data-testid="wallet-signin"`, "AlipayHK", "852-97123410", "852-97****10")

	p = phone.signIn(l.url, "852-97123410", "wrong", code)
	equal(t, p.status, http.StatusUnprocessableEntity, "bad password status")
	p.has(t, "bad password", `data-testid="wallet-password-error"`, "Wrong password.", `value="852-97123410"`)

	p = phone.signIn(l.url, "09171234123", testPassword, code)
	equal(t, p.status, http.StatusUnprocessableEntity, "other wallet's user status")
	p.has(t, "other wallet's user", `data-testid="wallet-login-error"`, "This is a GCash user")

	p = phone.signIn(l.url, "852-97123410", testPassword, code)
	equal(t, p.status, http.StatusSeeOther, "sign-in status")
	equal(t, p.location, "/sandbox/wallet/authorize?code="+code, "sign-in redirect")

	p = phone.get(text)
	equal(t, p.status, http.StatusOK, "consent page status")
	p.has(t, "consent page", `data-testid="wallet-agree"`, `data-testid="wallet-decline"`, testClientID,
		"Automatic payments from your AlipayHK account", "AGREEMENT_PAY")

	p = phone.post(l.url+"/sandbox/wallet/authorize", url.Values{"code": {code}, "action": {"agree"}})
	equal(t, p.status, http.StatusOK, "agree status")
	p.has(t, "agree", `data-testid="wallet-result"`, "Your AlipayHK account is linked. You can return to the merchant&#39;s page.", "<h1>AlipayHK</h1>")
	if strings.Contains(p.body, "<h1>Wallet</h1>") {
		t.Error("the linked page is headed Wallet, not the wallet's name")
	}

	n, body := l.authCodeNotice(t)
	wantPrefix := `{"authorizationNotifyType":"AUTHCODE_CREATED","authClientId":"","authState":"` + state + `","authCode":"`
	wantSuffix := `","userLoginId":"852-97****10","result":{"resultCode":"SUCCESS","resultStatus":"S","resultMessage":"` +
		vectorMessage(t, "notifyAuthorization.json") + `"}}`
	if !strings.HasPrefix(body, wantPrefix) || !strings.HasSuffix(body, wantSuffix) {
		t.Fatalf("AUTHCODE_CREATED body:\n%s", body)
	}
	equal(t, len(n.AuthCode) >= 24, true, "authCode length ≥ 24")

	first := l.applyCode(t, "ALIPAY_HK", n.AuthCode)
	equal(t, first.Result.ResultCode, "SUCCESS", "applyToken")
	equal(t, first.Result.ResultMessage, vectorMessage(t, "applyToken.json"), "applyToken resultMessage")
	equal(t, first.UserLoginID, "852-97****10", "userLoginId")
	checkExpiry(t, first.AccessTokenExpiryTime, 100)
	checkExpiry(t, first.RefreshTokenExpiryTime, 101)
	if first.AccessToken == "" || first.RefreshToken == "" || len(first.AccessToken) > 128 {
		t.Fatalf("tokens missing or too long: %d, %d", len(first.AccessToken), len(first.RefreshToken))
	}

	// Antom's auth codes are single-use: a second exchange, however soon,
	// is refused, and the tokens issued stay the only ones.
	wantCode(t, l.applyCode(t, "ALIPAY_HK", n.AuthCode).Result, antom.CodeInvalidAuthCode, "the same code again at once")
	equal(t, l.s.Calls(apiApplyToken), 2, "applyToken calls")
	l.clock.advance(time.Minute)
	wantCode(t, l.applyCode(t, "ALIPAY_HK", n.AuthCode).Result, antom.CodeInvalidAuthCode, "a minute later")

	p = phone.get(text)
	equal(t, p.status, http.StatusGone, "used QR status")
	p.has(t, "used QR", "This QR code has already been used.")
}

// checkExpiry wants an ISO-8601 time with offset about years from now.
func checkExpiry(t *testing.T, v string, years int) {
	t.Helper()
	at, err := time.Parse(time.RFC3339, v)
	must(t, err)
	want := time.Now().AddDate(years, 0, 0)
	if d := at.Sub(want); d < -time.Hour || d > time.Hour {
		t.Fatalf("expiry %s, want about %s", v, want.Format(time.RFC3339))
	}
}

func TestAuthCodeFailures(t *testing.T) {
	l := newLinkSetup(t)
	must(t, l.s.Authorize(t.Context(), l.consult(t, "state-exp", "GCASH"), "09171234123"))
	n, _ := l.authCodeNotice(t)

	wantCode(t, l.applyCode(t, "DANA", n.AuthCode).Result, antom.CodeInvalidAuthCode, "other wallet")
	wantCode(t, l.applyCode(t, "GCASH", "NO-SUCH-CODE-0000000000000").Result, antom.CodeInvalidAuthCode, "unknown code")
	wantCode(t, l.applyCode(t, "GCASH", "").Result, codeParamIllegal, "missing code")
	wantCode(t, l.apply(t, &antom.ApplyTokenRequest{CustomerBelongsTo: "GCASH", AuthCode: n.AuthCode}).Result,
		codeParamIllegal, "missing grantType")

	l.clock.advance(time.Minute)
	wantCode(t, l.applyCode(t, "GCASH", n.AuthCode).Result, antom.CodeInvalidAuthCode, "code older than AuthCodeTTL")
	equal(t, l.s.Calls(apiApplyToken), 5, "applyToken calls")
}

func TestAuthNotifyURLWins(t *testing.T) {
	l := newLinkSetup(t)
	r := consultReq("state-own-url", "GCASH")
	r.AuthNotifyURL = l.m.URL + "/antom/notify/authorization"
	text := l.consultAnswer(t, r).AuthCodeForm.QRText()
	must(t, l.s.Authorize(t.Context(), text, "09171234123"))
	l.authCodeNotice(t)
	var target string
	must(t, l.s.db.QueryRowContext(t.Context(), `SELECT notify_url FROM notifications`).Scan(&target))
	equal(t, target, r.AuthNotifyURL, "notification URL")
}

func TestQRCodeExpires(t *testing.T) {
	l := newLinkSetup(t)
	text := l.consult(t, "state-old", "DANA")
	l.clock.advance(15 * time.Minute)
	p := newBrowser(t).get(text)
	equal(t, p.status, http.StatusGone, "expired QR status")
	p.has(t, "expired QR", `data-outcome="expired"`, "This QR code has expired — ask the merchant for a new one.")
	if err := l.s.Authorize(t.Context(), text, "081234567890"); err != ErrQRExpired {
		t.Fatalf("Authorize an expired QR: %v", err)
	}
	resp := l.consultAnswer(t, consultReq("state-old", "DANA"))
	wantCode(t, resp.Result, codeParamIllegal, "re-consult after expiry")
	equal(t, strings.Contains(resp.Result.ResultMessage, "authState already used"), true, "message")

	p = newBrowser(t).get(l.url + "/sandbox/wallet/authorize?code=NOPE")
	equal(t, p.status, http.StatusNotFound, "unknown QR status")
	p.has(t, "unknown QR", "This QR code is not valid")
}

func TestDeclineRedirectsAndSendsNothing(t *testing.T) {
	l := newLinkSetup(t)
	text := l.consult(t, "state decline/1", "TRUEMONEY")
	code := qrCodeOf(text)
	phone := newBrowser(t)
	equal(t, phone.signIn(l.url, "+66812344902", testPassword, code).status, http.StatusSeeOther, "sign-in")
	p := phone.post(l.url+"/sandbox/wallet/authorize", url.Values{"code": {code}, "action": {"decline"}})
	equal(t, p.status, http.StatusSeeOther, "decline status")
	equal(t, p.location, "https://merchant.example/link/return?from=sandbox&authState=state+decline%2F1&error=USER_DECLINED", "decline redirect")
	equal(t, phone.get(text).status, http.StatusGone, "declined QR is used")

	other := l.consult(t, "state-decline-2", "TRUEMONEY")
	must(t, l.s.Decline(t.Context(), other, "+66898765432"))
	if err := l.s.Authorize(t.Context(), other, "+66898765432"); err != ErrQRUsed {
		t.Fatalf("Authorize after Decline: %v", err)
	}
	equal(t, outboxSize(t, l.s), 0, "notifications queued")
}

func TestConsultSameAuthState(t *testing.T) {
	l := newLinkSetup(t)
	first := l.consult(t, "state-same", "KAKAOPAY")
	equal(t, l.consult(t, "state-same", "KAKAOPAY"), first, "retry answers the same QR code")

	other := consultReq("state-same", "KAKAOPAY")
	other.AuthRedirectURL = "https://merchant.example/elsewhere"
	wantCode(t, l.consultAnswer(t, other).Result, codeParamIllegal, "same authState, other parameters")

	must(t, l.s.Authorize(t.Context(), first, "010-1234-5678"))
	resp := l.consultAnswer(t, consultReq("state-same", "KAKAOPAY"))
	wantCode(t, resp.Result, codeParamIllegal, "re-consult after use")
	equal(t, strings.Contains(resp.Result.ResultMessage, "authState already used"), true, "message")
}

func TestConsultValidation(t *testing.T) {
	l := newLinkSetup(t)
	pub := &merchantKey(t).PublicKey
	must(t, l.s.Register(t.Context(), Merchant{ClientID: sandboxClient, PublicKey: pub}))
	cases := []struct {
		name    string
		edit    func(r *antom.ConsultRequest)
		code    string
		message string
	}{
		{"no wallet", func(r *antom.ConsultRequest) { r.CustomerBelongsTo = "" }, codeParamIllegal, "customerBelongsTo"},
		{"unsupported wallet", func(r *antom.ConsultRequest) { r.CustomerBelongsTo = "BKASH" }, codeNoPayOptions, "BKASH"},
		{"no scopes", func(r *antom.ConsultRequest) { r.Scopes = nil }, codeParamIllegal, "AGREEMENT_PAY"},
		{"other scope only", func(r *antom.ConsultRequest) { r.Scopes = []string{"USER_LOGIN_ID"} }, codeParamIllegal, "AGREEMENT_PAY"},
		{"guide's typo", func(r *antom.ConsultRequest) { r.Scopes = []string{"AGREEEMENT_PAY"} }, codeParamIllegal, "typo"},
		{"no authState", func(r *antom.ConsultRequest) { r.AuthState = "" }, codeParamIllegal, "authState"},
		{"long authState", func(r *antom.ConsultRequest) { r.AuthState = strings.Repeat("s", 257) }, codeParamIllegal, "authState"},
		{"no redirect", func(r *antom.ConsultRequest) { r.AuthRedirectURL = "" }, codeParamIllegal, "authRedirectUrl"},
		{"relative redirect", func(r *antom.ConsultRequest) { r.AuthRedirectURL = "/return" }, codeParamIllegal, "authRedirectUrl"},
		{"bad notify URL", func(r *antom.ConsultRequest) { r.AuthNotifyURL = "ftp://x" }, codeParamIllegal, "authNotifyUrl"},
		{"no terminal type", func(r *antom.ConsultRequest) { r.Env = antom.Env{} }, codeParamIllegal, "terminalType"},
		{"WAP without osType", func(r *antom.ConsultRequest) { r.Env.TerminalType = antom.TerminalWap }, codeParamIllegal, "osType"},
		{"APP with a bad osType", func(r *antom.ConsultRequest) { r.Env = antom.Env{TerminalType: antom.TerminalApp, OSType: "SYMBIAN"} }, codeParamIllegal, "osType"},
		{"MINI_APP", func(r *antom.ConsultRequest) { r.Env.TerminalType = antom.TerminalMiniApp }, codeParamIllegal, "WEB, WAP or APP"},
		{"WAP on Android", func(r *antom.ConsultRequest) { r.Env = antom.Env{TerminalType: antom.TerminalWap, OSType: "ANDROID"} }, "SUCCESS", ""},
		{"legacy WEB", func(r *antom.ConsultRequest) { r.Env = antom.Env{}; r.TerminalType = "WEB" }, "SUCCESS", ""},
	}
	for i, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			r := consultReq("state-v-"+string(rune('a'+i)), "GCASH")
			tc.edit(r)
			res := l.consultAnswer(t, r).Result
			equal(t, res.ResultCode, tc.code, "code")
			if !strings.Contains(res.ResultMessage, tc.message) {
				t.Fatalf("message %q lacks %q", res.ResultMessage, tc.message)
			}
		})
	}
	t.Run("no notify URL anywhere", func(t *testing.T) {
		body := []byte(`{"customerBelongsTo":"GCASH","authRedirectUrl":"https://m.example/r","scopes":["AGREEMENT_PAY"],"authState":"s-1","env":{"terminalType":"WEB"}}`)
		res := serveRaw(t, l.s, sandboxClient, body)
		equal(t, res.ResultCode, codeParamIllegal, "code")
		equal(t, strings.Contains(res.ResultMessage, "authNotifyUrl"), true, "message names authNotifyUrl")
	})
	t.Run("wrong type", func(t *testing.T) {
		res := serveRaw(t, l.s, testClientID, []byte(`{"customerBelongsTo":"GCASH","scopes":"AGREEMENT_PAY"}`))
		equal(t, res.ResultCode, codeParamIllegal, "code")
		equal(t, strings.Contains(res.ResultMessage, "scopes"), true, "message names the field")
	})
}

// serveRaw sends a signed consult body through the handler.
func serveRaw(t *testing.T, s *Sandbox, clientID string, body []byte) antom.Result {
	t.Helper()
	path := antom.SandboxPath(clientID, "/ams/api/v1/authorizations/consult")
	rec := httptest.NewRecorder()
	s.Handler().ServeHTTP(rec, signedRequest(t, "", clientID, path, body))
	verifyAnswer(t, s, rec.Header(), path, rec.Body.Bytes())
	return resultOf(t, rec.Body.Bytes())
}
