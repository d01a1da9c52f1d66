package sandbox

import (
	"io"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"testing"
	"time"

	"antom-checkout/antom"
)

func TestRefreshRotatesBothTokens(t *testing.T) {
	l := newLinkSetup(t)
	old := l.link(t, "state-refresh", "TNG", "+60123456789")
	fresh := l.applyRefresh(t, "TNG", old.RefreshToken)
	equal(t, fresh.Result.ResultCode, "SUCCESS", "refresh")
	equal(t, fresh.UserLoginID, "+60*****6789", "userLoginId")
	equal(t, fresh.AccessToken != old.AccessToken, true, "new access token")
	equal(t, fresh.RefreshToken != old.RefreshToken, true, "new refresh token")

	wantCode(t, l.applyRefresh(t, "TNG", old.RefreshToken).Result, antom.CodeInvalidRefreshToken, "rotated-out refresh token")
	wantCode(t, l.revoke(t, old.AccessToken), antom.CodeInvalidAccessToken, "rotated-out access token")
	wantCode(t, l.applyRefresh(t, "GCASH", fresh.RefreshToken).Result, antom.CodeInvalidRefreshToken, "other wallet")
	wantCode(t, l.applyRefresh(t, "TNG", "UNKNOWN").Result, antom.CodeInvalidRefreshToken, "unknown refresh token")
	wantCode(t, l.applyRefresh(t, "TNG", "").Result, codeParamIllegal, "missing refresh token")

	u, ok, err := l.s.tokenUser(t.Context(), testClientID, string(fresh.AccessToken))
	must(t, err)
	equal(t, ok, true, "new access token usable")
	equal(t, u.Login, "+60123456789", "token user")
	equal(t, u.Wallet, "TNG", "token wallet")
	_, ok, _ = l.s.tokenUser(t.Context(), sandboxClient, string(fresh.AccessToken))
	equal(t, ok, false, "usable by another merchant")

	equal(t, l.applyRefresh(t, "TNG", fresh.RefreshToken).Result.ResultCode, "SUCCESS", "latest refresh token works")
}

func TestRevoke(t *testing.T) {
	l := newLinkSetup(t)
	tok := l.link(t, "state-revoke", "ALIPAY_CN", "13800138001")
	checkExpiry(t, tok.AccessTokenExpiryTime, 92)
	equal(t, l.revoke(t, tok.AccessToken).ResultCode, "SUCCESS", "revoke")
	wantCode(t, l.revoke(t, tok.AccessToken), antom.CodeInvalidAccessToken, "revoke again")
	wantCode(t, l.applyRefresh(t, "ALIPAY_CN", tok.RefreshToken).Result, antom.CodeInvalidRefreshToken, "refresh after revoke")
	wantCode(t, l.revoke(t, "UNKNOWN"), antom.CodeInvalidAccessToken, "unknown token")
	wantCode(t, l.revoke(t, ""), codeParamIllegal, "missing token")
	_, ok, err := l.s.tokenUser(t.Context(), testClientID, string(tok.AccessToken))
	must(t, err)
	equal(t, ok, false, "revoked token usable")
	equal(t, outboxSize(t, l.s), 1, "notifications (AUTHCODE_CREATED only)")
}

// wantCanceled checks a TOKEN_CANCELED body byte for byte.
func wantCanceled(t *testing.T, l *linkSetup, access antom.Secret, reason string) {
	t.Helper()
	_, body := l.canceledNotice(t)
	want := `{"authorizationNotifyType":"TOKEN_CANCELED","accessToken":"` + string(access) + `","reason":"` + reason +
		`","result":{"resultCode":"SUCCESS","resultStatus":"S","resultMessage":"` + vectorMessage(t, "notifyAuthorization_tokenCanceled.json") + `"}}`
	equal(t, body, want, "TOKEN_CANCELED body")
}

// wantDead checks that revoke and refresh refuse a cancelled link.
func wantDead(t *testing.T, l *linkSetup, wallet string, tok *antom.ApplyTokenResponse) {
	t.Helper()
	wantCode(t, l.applyRefresh(t, wallet, tok.RefreshToken).Result, antom.CodeInvalidRefreshToken, "refresh after cancel")
	wantCode(t, l.revoke(t, tok.AccessToken), antom.CodeInvalidAccessToken, "revoke after cancel")
}

func TestWalletAppUnlink(t *testing.T) {
	l := newLinkSetup(t)
	tok := l.link(t, "state-unlink", "GCASH", "09981234567")
	phone := newBrowser(t)
	p := phone.get(l.url + "/sandbox/wallet")
	p.has(t, "signed out home", `data-testid="wallet-signin"`, "Alipay", "TrueMoney")
	p = phone.signIn(l.url, "09981234567", testPassword, "")
	equal(t, p.location, "/sandbox/wallet", "sign-in redirect")

	p = phone.get(l.url + "/sandbox/wallet")
	access := string(tok.AccessToken)
	p.has(t, "home", `data-testid="wallet-balances"`, "USD 1,000.00", "JPY 100,000", "PHP 50,000.00",
		`data-testid="wallet-links"`, testClientID, "••••"+access[len(access)-4:], `data-testid="wallet-unlink"`)
	equal(t, strings.Contains(p.body, access), false, "page shows the whole token")

	id := strconv.FormatInt(linkID(t, l.s, access), 10)
	p = phone.post(l.url+"/sandbox/wallet/unlink", url.Values{"id": {id}})
	equal(t, p.status, http.StatusSeeOther, "unlink status")
	wantCanceled(t, l, tok.AccessToken, "user canceled in wallet app")
	wantDead(t, l, "GCASH", tok)
	phone.get(l.url+"/sandbox/wallet").has(t, "home after unlink", "No linked merchants.")

	equal(t, phone.post(l.url+"/sandbox/wallet/signout", nil).status, http.StatusSeeOther, "sign out")
	phone.get(l.url+"/sandbox/wallet").has(t, "after sign-out", `data-testid="wallet-signin"`)
}

// linkID finds the link of an access token.
func linkID(t *testing.T, s *Sandbox, access string) int64 {
	t.Helper()
	tr, found, err := tokenByAccess(t.Context(), s.db, access)
	must(t, err)
	equal(t, found, true, "link found")
	return tr.ID
}

func TestCancelToken(t *testing.T) {
	l := newLinkSetup(t)
	tok := l.link(t, "state-cancel", "KAKAOPAY", "010-9876-5432")
	must(t, l.s.CancelToken(t.Context(), string(tok.AccessToken), "closed the account"))
	wantCanceled(t, l, tok.AccessToken, "closed the account")
	wantDead(t, l, "KAKAOPAY", tok)
	if err := l.s.CancelToken(t.Context(), string(tok.AccessToken), "again"); err != ErrTokenNotLive {
		t.Fatalf("cancel twice: %v", err)
	}
}

func TestCancelTokensJSON(t *testing.T) {
	l := newLinkSetup(t)
	a := l.link(t, "state-json-1", "DANA", "081234567890")
	b := l.link(t, "state-json-2", "DANA", "081234567890")
	other := l.link(t, "state-json-3", "DANA", "085712345678")

	page := newBrowser(t).get(l.url + "/sandbox/control")
	page.has(t, "control page", `data-testid="tokens"`, `data-testid="cancel-token"`, "081234567890")
	equal(t, strings.Contains(page.body, string(a.AccessToken)), false, "control page shows a whole token")

	status, body := postJSON(t, l.url+"/sandbox/control/tokens/cancel.json", `{"login":"081234567890","wallet":"DANA"}`)
	equal(t, status, http.StatusOK, "status")
	equal(t, body, `{"canceled":2}`, "answer")
	got := map[string]bool{}
	for range 2 {
		n, _ := l.canceledNotice(t)
		got[string(n.AccessToken)] = true
	}
	equal(t, got[string(a.AccessToken)] && got[string(b.AccessToken)], true, "both tokens notified")
	wantDead(t, l, "DANA", a)
	_, ok, err := l.s.tokenUser(t.Context(), testClientID, string(other.AccessToken))
	must(t, err)
	equal(t, ok, true, "another user's token still live")

	form := url.Values{"id": {strconv.FormatInt(linkID(t, l.s, string(other.AccessToken)), 10)}}
	equal(t, newBrowser(t).post(l.url+"/sandbox/control/tokens/cancel", form).status, http.StatusSeeOther, "control page cancel")
	wantCanceled(t, l, other.AccessToken, "user canceled in wallet app")

	status, _ = postJSON(t, l.url+"/sandbox/control/tokens/cancel.json", `{"login":"081234567890","wallet":"GCASH"}`)
	equal(t, status, http.StatusNotFound, "wrong wallet")
	status, _ = postJSON(t, l.url+"/sandbox/control/tokens/cancel.json", `{"user":"x"}`)
	equal(t, status, http.StatusBadRequest, "bad document")
}

// postJSON posts a JSON document and returns the status and trimmed body.
func postJSON(t *testing.T, rawURL, doc string) (int, string) {
	t.Helper()
	resp, err := http.Post(rawURL, "application/json", strings.NewReader(doc))
	must(t, err)
	defer resp.Body.Close()
	b, err := io.ReadAll(resp.Body)
	must(t, err)
	return resp.StatusCode, strings.TrimSpace(string(b))
}

func TestTokenLifetime(t *testing.T) {
	l := newLinkSetup(t)
	l.s.SetTokenLifetime(time.Minute)
	tok := l.link(t, "state-short", "ALIPAY_HK", "852-61234567")
	at, err := time.Parse(time.RFC3339, tok.AccessTokenExpiryTime)
	must(t, err)
	if d := at.Sub(l.clock.now()); d > time.Minute || d < 58*time.Second {
		t.Fatalf("access token expires in %v, want 1 min", d)
	}
	checkExpiry(t, tok.RefreshTokenExpiryTime, 101)
	_, ok, err := l.s.tokenUser(t.Context(), testClientID, string(tok.AccessToken))
	must(t, err)
	equal(t, ok, true, "usable before expiry")

	l.clock.advance(time.Minute)
	_, ok, err = l.s.tokenUser(t.Context(), testClientID, string(tok.AccessToken))
	must(t, err)
	equal(t, ok, false, "usable after expiry")
	wantCode(t, l.revoke(t, tok.AccessToken), antom.CodeInvalidAccessToken, "revoke an expired token")

	status, body := postJSON(t, l.url+"/sandbox/control/token-lifetime.json", `{"ms":0}`)
	equal(t, status, http.StatusOK, "token lifetime status")
	equal(t, body, `{"ms":0}`, "token lifetime answer")
	fresh := l.applyRefresh(t, "ALIPAY_HK", tok.RefreshToken)
	equal(t, fresh.Result.ResultCode, "SUCCESS", "refresh an expired access token")
	at, err = time.Parse(time.RFC3339, fresh.AccessTokenExpiryTime)
	must(t, err)
	if d := at.Sub(l.clock.now()); d < 99*365*24*time.Hour {
		t.Fatalf("refreshed access token expires in %v, want 100 years", d)
	}

	status, body = postJSON(t, l.url+"/sandbox/control/token-lifetime.json", `{"ms":1500}`)
	equal(t, status, http.StatusOK, "set via JSON")
	equal(t, body, `{"ms":1500}`, "answer")
	equal(t, l.s.tokenLifetime(), 1500*time.Millisecond, "lifetime")
}

func TestSeededUsersSurviveReopen(t *testing.T) {
	users := TestUsers()
	perWallet := map[string]int{}
	for _, u := range users {
		perWallet[u.Wallet]++
	}
	equal(t, len(perWallet), 7, "wallets")
	for w, n := range perWallet {
		equal(t, n, 3, w+" users")
	}

	dir := t.TempDir()
	s := openTest(t, dir, options{})
	for _, u := range users {
		for cur, want := range u.Balances {
			got, err := s.Balance(t.Context(), u.Login, cur)
			must(t, err)
			equal(t, got, want, u.Login+" "+cur)
		}
	}
	_, err := s.db.ExecContext(t.Context(),
		`UPDATE wallet_balances SET minor = minor - 250 WHERE login = '09051234009' AND currency = 'USD'`)
	must(t, err)
	must(t, s.Close())

	s2 := openTest(t, dir, options{})
	got, err := s2.Balance(t.Context(), "09051234009", "USD")
	must(t, err)
	equal(t, got, int64(250), "debited balance after reopen")
	got, err = s2.Balance(t.Context(), "09051234009", "PHP")
	must(t, err)
	equal(t, got, int64(0), "a currency the user lacks")
	if _, err := s2.Balance(t.Context(), "nobody", "USD"); err == nil {
		t.Fatal("balance of an unknown login: no error")
	}
	all, err := s2.usersOfWallet(t.Context(), "")
	must(t, err)
	equal(t, len(all), len(users), "users after reopen")
}

func TestFormatMinor(t *testing.T) {
	for _, c := range []struct {
		cur  string
		v    int64
		want string
	}{
		{"USD", 100000, "USD 1,000.00"}, {"USD", 500, "USD 5.00"}, {"JPY", 100000, "JPY 100,000"},
		{"IDR", 1_500_000_000, "IDR 15,000,000.00"}, {"USD", 7, "USD 0.07"},
	} {
		equal(t, formatMinor(c.cur, c.v), c.want, c.cur)
	}
}
