package sandbox

import (
	"net/http"
	"net/url"
	"testing"

	"antom-checkout/antom"
)

// A consult from the buyer's phone (WAP) answers the wallet app's page as
// normalUrl and applinkUrl, with no QR code; agreeing sends the phone back
// to authRedirectUrl with authCode and authState, and AUTHCODE_CREATED
// carries the same code.
func TestConsultOnPhoneReturnsToTheMerchant(t *testing.T) {
	l := newLinkSetup(t)
	const state = "state-phone-1"
	req := consultReq(state, "GCASH")
	req.Env = antom.Env{TerminalType: antom.TerminalWap, OSType: "IOS"}
	resp, err := l.client.Consult(t.Context(), req)
	must(t, err)
	equal(t, len(resp.AuthCodeForm.CodeDetails), 0, "code details (no QR code on the phone)")
	equal(t, resp.SchemeURL, "", "schemeUrl (no app is installed)")
	code := qrCodeOf(resp.NormalURL)
	equal(t, resp.NormalURL, l.url+"/sandbox/wallet/authorize?code="+code, "normalUrl")
	equal(t, resp.ApplinkURL, resp.NormalURL, "applinkUrl")

	// The same authState with WEB is another consult: refused.
	web := consultReq(state, "GCASH")
	wantCode(t, l.consultAnswer(t, web).Result, codeParamIllegal, "same authState, other terminal type")

	phone := newBrowser(t)
	p := phone.signIn(l.url, "09171234123", testPassword, code)
	equal(t, p.status, http.StatusSeeOther, "sign-in status")
	p = phone.post(l.url+"/sandbox/wallet/authorize", url.Values{"code": {code}, "action": {"agree"}})
	equal(t, p.status, http.StatusSeeOther, "agree sends the phone back")
	back, err := url.Parse(p.location)
	must(t, err)
	equal(t, back.Scheme+"://"+back.Host+back.Path, "https://merchant.example/link/return", "redirect target")
	equal(t, back.Query().Get("from"), "sandbox", "the authRedirectUrl's own query is kept")
	equal(t, back.Query().Get("authState"), state, "authState")

	n, _ := l.authCodeNotice(t)
	equal(t, back.Query().Get("authCode"), string(n.AuthCode), "the redirect's authCode is the notification's")
	equal(t, l.applyCode(t, "GCASH", n.AuthCode).Result.ResultCode, "SUCCESS", "applyToken")
}

// The wallet app and the card page name the merchant by its registered
// name, not its client id.
func TestMerchantNameShownToBuyers(t *testing.T) {
	l := newLinkSetup(t)
	must(t, l.s.Register(t.Context(), Merchant{ClientID: testClientID, PublicKey: &merchantKey(t).PublicKey,
		NotifyURL: l.m.url(), Name: "Kopi & Co."}))
	code := qrCodeOf(l.consult(t, "state-name-1", "GCASH"))
	phone := newBrowser(t)
	phone.signIn(l.url, "09171234123", testPassword, code)
	p := phone.get(l.url + "/sandbox/wallet/authorize?code=" + code)
	p.has(t, "consent page", `<strong data-testid="wallet-merchant">Kopi &amp; Co.</strong>`)

	req := cardReq("card-name-1", "USD", 1500, "")
	req.Order.Merchant = antom.Merchant{} // no secondary merchant: the registered name shows
	resp := l.startCard(t, req)
	form := phone.get(resp.NormalURL)
	form.has(t, "card page", `data-testid="card-merchant">Kopi &amp; Co.<`)

	// The name survives a restart (it is stored with the merchant).
	m, ok := l.s.merchant.get(testClientID)
	equal(t, ok && m.DisplayName() == "Kopi & Co.", true, "registered name")
	all, err := l.s.allMerchants(t.Context())
	must(t, err)
	equal(t, all[0].Name, "Kopi & Co.", "stored name")
}
