package sandbox

import (
	"errors"
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"

	"antom-checkout/antom"
	"antom-checkout/internal/luhn"
)

func TestCardPagePays(t *testing.T) {
	l := newLinkSetup(t)
	req := cardReq("card-ok-1", "USD", 2000, "")
	resp := l.startCard(t, req)
	equal(t, resp.PaymentAmount, antom.MinorAmount("USD", 2000), "paymentAmount")
	equal(t, resp.PaymentCreateTime != "", true, "paymentCreateTime")
	l.wantPayment(t, resp.PaymentID, antom.PaymentProcessing, antom.CodePaymentInProcess)

	b := newBrowser(t)
	form := b.get(resp.NormalURL)
	equal(t, form.status, http.StatusOK, "card page status")
	form.has(t, "card page", `data-testid="card-form"`, `data-testid="card-number"`, `data-testid="card-expiry"`,
		`data-testid="card-cvc"`, `data-testid="card-name"`, `data-testid="card-pay"`, merchantShowName,
		`data-testid="card-amount">`+cardAmount("en", "USD", 2000)+`<`, "4000 0000 0000 3220")

	bad := cardFields(resp.PaymentID, "4242 4242 4242 4241")
	bad.Set("expiry", "01/20")
	bad.Set("cvc", "12")
	bad.Set("name", "")
	page := b.post(l.url+"/sandbox/card/pay", bad)
	equal(t, page.status, http.StatusUnprocessableEntity, "invalid card status")
	page.has(t, "invalid card", `data-testid="card-error-number"`, `data-testid="card-error-expiry"`,
		`data-testid="card-error-cvc"`, `data-testid="card-error-name"`, `value="4242 4242 4242 4241"`)
	bad = cardFields(resp.PaymentID, visaCard)
	bad.Set("expiry", "13/40")
	page = b.post(l.url+"/sandbox/card/pay", bad)
	equal(t, page.status, http.StatusUnprocessableEntity, "bad expiry status")
	page.has(t, "bad expiry", `data-testid="card-error-expiry"`)
	equal(t, strings.Contains(page.body, `data-testid="card-error-number"`), false, "a good number has no error")
	l.wantPayment(t, resp.PaymentID, antom.PaymentProcessing, antom.CodePaymentInProcess)
	l.noNotice(t, 0)

	done := b.post(l.url+"/sandbox/card/pay", cardFields(resp.PaymentID, visaCard))
	equal(t, done.status, http.StatusSeeOther, "pay status")
	equal(t, done.location, returnTo(req), "back to paymentRedirectUrl")

	n, body := paid(t, l.m, resp.PaymentID, antom.StatusSuccess, antom.CodeSuccess, true)
	inOrder(t, body, "notifyType", "result", "paymentRequestId", "paymentId", "paymentAmount", "paymentCreateTime",
		"paymentTime", "paymentMethodType", "authExpiryTime", "paymentResultInfo", "cardInfo")
	inOrder(t, body, "cardNo", "cardBrand", "cardToken", "issuingCountry", "funding", "paymentMethodRegion",
		"cardBin", "lastFour", "expiryMonth", "expiryYear")
	token := n.CardInfo.CardToken
	equal(t, len(token) >= 32, true, "cardToken length")
	equal(t, n.PaymentResultInfo.CardToken, token, "paymentResultInfo.cardToken")
	equal(t, n.CardToken(), token, "CardToken()")
	equal(t, n.PaymentMethodType, cardMethod, "paymentMethodType")
	equal(t, n.PaymentResultInfo.CardNo, "************4242", "cardNo")
	equal(t, n.PaymentResultInfo.CardBrand, "VISA", "cardBrand")
	equal(t, n.PaymentResultInfo.CardBin, "424242", "cardBin")
	equal(t, n.PaymentResultInfo.LastFour, "4242", "lastFour")
	equal(t, n.PaymentResultInfo.ExpiryMonth+"/"+n.PaymentResultInfo.ExpiryYear, "12/39", "expiry")
	equal(t, n.CardInfo.Funding, "CREDIT", "funding")
	wantAuthExpiry(t, n.PaymentTime, n.AuthExpiryTime)
	equal(t, strings.Contains(body, "4242424242424242"), false, "the notification holds the card number")

	r := l.wantPayment(t, resp.PaymentID, antom.PaymentSuccess, antom.CodeSuccess)
	equal(t, r.PaymentMethodType, cardMethod, "inquiry paymentMethodType")
	equal(t, r.AuthExpiryTime, n.AuthExpiryTime, "inquiry authExpiryTime")
	equal(t, r.CardToken(), token, "inquiry cardInfo.cardToken")
	equal(t, r.PaymentResultInfo.CardToken, token, "inquiry paymentResultInfo.cardToken")
	equal(t, r.CardInfo.CardBrand, "VISA", "inquiry cardBrand")
	equal(t, len(r.Transactions), 1, "transactions")
	equal(t, r.Transactions[0].TransactionType, "CAPTURE", "transaction type")
	equal(t, r.Transactions[0].TransactionAmount, antom.MinorAmount("USD", 2000), "captured amount")

	info := l.info(t, resp.PaymentID)
	equal(t, [3]int64{info.Authorized, info.Captured, info.Refunded}, [3]int64{2000, 2000, 0}, "authorized, captured, refunded")
	equal(t, info.CaptureMode+" "+info.CardBrand+" "+info.CardLast4, "AUTOMATIC VISA 4242", "card info")

	again := l.pay(t, req)
	wantResult(t, again.Result, antom.StatusSuccess, antom.CodeSuccess, "repeat after paying")
	equal(t, again.PaymentID, resp.PaymentID, "repeat paymentId")
	finished := b.get(resp.NormalURL)
	equal(t, finished.status, http.StatusGone, "page of a paid payment")
	finished.has(t, "paid payment", `data-outcome="finished"`)
	equal(t, b.post(l.url+"/sandbox/card/pay", cardFields(resp.PaymentID, visaCard)).status, http.StatusGone, "paying twice")
	l.noNotice(t, 2)
}

// paymentFactor is optional for CASHIER_PAYMENT (API.md §5.1): without
// it the card payment is an authorization captured AUTOMATIC.
func TestCashierWithoutPaymentFactor(t *testing.T) {
	l := newLinkSetup(t)
	req := cardReq("card-no-factor", "USD", 1500, "")
	req.PaymentFactor = antom.PaymentFactor{}
	resp := l.startCard(t, req)
	equal(t, resp.Result.ResultMessage, vectorMessage(t, "pay_cashier_card.json"), "PAYMENT_IN_PROCESS message")
	b := newBrowser(t)
	equal(t, b.post(l.url+"/sandbox/card/pay", cardFields(resp.PaymentID, visaCard)).status, http.StatusSeeOther, "pay status")
	paid(t, l.m, resp.PaymentID, antom.StatusSuccess, antom.CodeSuccess, true)
	info := l.info(t, resp.PaymentID)
	equal(t, [2]int64{info.Authorized, info.Captured}, [2]int64{1500, 1500}, "authorized, captured")
	equal(t, info.CaptureMode, antom.CaptureAutomatic, "capture mode")
}

// wantAuthExpiry checks that authExpiryTime is 7 days after paymentTime.
func wantAuthExpiry(t *testing.T, paymentTime, authExpiry string) {
	t.Helper()
	at, err := time.Parse(time.RFC3339, paymentTime)
	must(t, err)
	exp, err := time.Parse(time.RFC3339, authExpiry)
	must(t, err)
	equal(t, exp.Sub(at), 7*24*time.Hour, "authExpiryTime - paymentTime")
}

func TestCardDeclines(t *testing.T) {
	l := newLinkSetup(t)
	for _, c := range []struct{ number, code, funding string }{
		{declinedCard, codeRiskReject, "CREDIT"},
		{noFundsCard, antom.CodeUserBalanceNotEnough, "DEBIT"},
	} {
		req := cardReq("card-decline-"+c.code, "USD", 1500, antom.CaptureManual)
		resp := l.startCard(t, req)
		page := newBrowser(t).post(l.url+"/sandbox/card/pay", cardFields(resp.PaymentID, c.number))
		equal(t, page.status, http.StatusSeeOther, c.code+": status")
		equal(t, page.location, returnTo(req), c.code+": back to the merchant")
		n, _ := paid(t, l.m, resp.PaymentID, antom.StatusFail, c.code, false)
		equal(t, n.PaymentTime, "", c.code+": paymentTime")
		equal(t, n.AuthExpiryTime, "", c.code+": authExpiryTime")
		equal(t, n.CardToken() != "", true, c.code+": cardToken")
		equal(t, n.CardInfo.Funding, c.funding, c.code+": funding")
		l.wantPayment(t, resp.PaymentID, antom.PaymentFail, c.code)
		wantResult(t, l.pay(t, req).Result, antom.StatusFail, c.code, c.code+": repeat")
		// Its page, opened again (Back), says it failed, never "finished".
		again := newBrowser(t).get(resp.NormalURL)
		equal(t, again.status, http.StatusGone, c.code+": page after the decline")
		again.has(t, c.code+": page after the decline", `data-outcome="failed"`, "This payment failed, so nothing was charged.", `data-testid="card-return"`)
	}
	l.noNotice(t, 2)
}

func TestCardChallenge(t *testing.T) {
	l := newLinkSetup(t)
	b := newBrowser(t)
	wrong := cardReq("card-3ds-wrong", "USD", 1200, "")
	resp := l.startCard(t, wrong)
	page := b.post(l.url+"/sandbox/card/pay", cardFields(resp.PaymentID, threeDSCard))
	equal(t, page.status, http.StatusSeeOther, "3DS card status")
	equal(t, page.location, "/sandbox/card/pay?paymentId="+resp.PaymentID, "to the challenge")
	challenge := b.get(l.url + page.location)
	challenge.has(t, "challenge page", `data-testid="challenge-form"`, `data-testid="challenge-code"`,
		`data-testid="challenge-submit"`, "ending in <strong>3220</strong>")
	again := l.pay(t, wrong)
	equal(t, again.NormalURL, resp.NormalURL, "repeat while challenged")
	empty := b.post(l.url+"/sandbox/card/challenge", url.Values{"paymentId": {resp.PaymentID}, "code": {" "}})
	equal(t, empty.status, http.StatusUnprocessableEntity, "empty code")
	empty.has(t, "empty code", `data-testid="challenge-error"`)
	l.noNotice(t, 0)

	failed := b.post(l.url+"/sandbox/card/challenge", url.Values{"paymentId": {resp.PaymentID}, "code": {"000000"}})
	equal(t, failed.status, http.StatusSeeOther, "wrong code status")
	equal(t, failed.location, returnTo(wrong), "wrong code: back to the merchant")
	n, _ := paid(t, l.m, resp.PaymentID, antom.StatusFail, codeThreeDSFailed, false)
	equal(t, strings.Contains(n.Result.ResultMessage, "3-D Secure"), true, "message names 3-D Secure")

	right := cardReq("card-3ds-right", "USD", 1300, antom.CaptureManual)
	resp = l.startCard(t, right)
	must(t, l.s.PayCard(t.Context(), resp.PaymentID, threeDSCard))
	l.wantPayment(t, resp.PaymentID, antom.PaymentProcessing, antom.CodePaymentInProcess)
	ok := b.post(l.url+"/sandbox/card/challenge", url.Values{"paymentId": {resp.PaymentID}, "code": {"123456"}})
	equal(t, ok.location, returnTo(right), "right code: back to the merchant")
	n, _ = paid(t, l.m, resp.PaymentID, antom.StatusSuccess, antom.CodeSuccess, false)
	equal(t, bool(n.PaymentResultInfo.ThreeDSResult.Challenged), true, "threeDSResult.challenged")
	l.noNotice(t, 2)
}

func TestCardPageExpiry(t *testing.T) {
	l := serveLinkSetup(t, t.TempDir(), 1, &testClock{}) // not started: nothing expires by itself
	resp := l.startCard(t, cardReq("card-expire", "USD", 900, ""))
	l.clock.advance(cashierExpiryDefault)
	b := newBrowser(t)
	page := b.get(resp.NormalURL)
	equal(t, page.status, http.StatusGone, "expired page status")
	page.has(t, "expired page", `data-outcome="expired"`, `data-testid="card-return"`)
	equal(t, b.post(l.url+"/sandbox/card/pay", cardFields(resp.PaymentID, visaCard)).status, http.StatusGone, "pay after expiry")
	if err := l.s.PayCard(t.Context(), resp.PaymentID, visaCard); !errors.Is(err, ErrPaymentExpired) {
		t.Fatalf("PayCard after expiry: %v", err)
	}
	l.noNotice(t, 0)

	l.s.Start(t.Context())
	l.s.kickSettler()
	paid(t, l.m, resp.PaymentID, antom.StatusFail, antom.CodeOrderIsClosed, false)
	l.wantPayment(t, resp.PaymentID, antom.PaymentFail, antom.CodeOrderIsClosed)
	closed := b.get(resp.NormalURL)
	equal(t, closed.status, http.StatusGone, "page of a closed payment")
	closed.has(t, "page of a closed payment", `data-outcome="expired"`, "This payment expired before it was paid, so nothing was charged.", `data-testid="card-return"`)

	unknown := b.get(l.url + "/sandbox/card/pay?paymentId=nope")
	equal(t, unknown.status, http.StatusNotFound, "unknown payment")
	unknown.has(t, "unknown payment", `data-outcome="unknown"`)
}

func TestCashierParamIllegal(t *testing.T) {
	l := newLinkSetup(t)
	in := func(d time.Duration) string { return antomTime(l.clock.now().Add(d)) }
	for _, c := range []struct {
		name, want string
		edit       func(r *antom.PayRequest)
	}{
		{"wallet method", "supports CARD", func(r *antom.PayRequest) { r.PaymentMethod.PaymentMethodType = "GCASH" }},
		{"no redirect URL", "paymentRedirectUrl", func(r *antom.PayRequest) { r.PaymentRedirectURL = "" }},
		{"relative redirect URL", "paymentRedirectUrl", func(r *antom.PayRequest) { r.PaymentRedirectURL = "/return" }},
		{"no terminal type", "env.terminalType", func(r *antom.PayRequest) { r.Env.TerminalType = "" }},
		{"bad capture mode", "captureMode", func(r *antom.PayRequest) { r.PaymentFactor.CaptureMode = "LATER" }},
		// Antom's times are whole seconds and the clock runs on while the request
		// is signed and sent: 30 s past the limit, not 1 s (1 s, truncated, was
		// under it on a loaded CI machine).
		{"expiry over 10 minutes ahead", "less than 10 minutes", func(r *antom.PayRequest) { r.PaymentExpiryTime = in(10*time.Minute + 30*time.Second) }},
		{"expiry past", "future", func(r *antom.PayRequest) { r.PaymentExpiryTime = in(-time.Minute) }},
		{"unknown card token", "unknown card token", func(r *antom.PayRequest) { r.PaymentMethod.PaymentMethodID = "NO-SUCH-CARD" }},
	} {
		req := cardReq("cashier-param", "USD", 1000, "")
		c.edit(req)
		res := l.pay(t, req).Result
		wantResult(t, res, antom.StatusFail, codeParamIllegal, c.name)
		if !strings.Contains(res.ResultMessage, c.want) {
			t.Fatalf("%s: message %q lacks %q", c.name, res.ResultMessage, c.want)
		}
	}
	equal(t, paymentRows(t, l.s), 0, "payments stored")

	req := cardReq("cashier-param", "USD", 1000, antom.CaptureManual)
	req.PaymentExpiryTime = in(9 * time.Minute)
	l.startCard(t, req)
	req.PaymentFactor.CaptureMode = antom.CaptureAutomatic
	wantResult(t, l.pay(t, req).Result, antom.StatusFail, antom.CodeRepeatReqInconsistent, "repeat in another capture mode")
}

func TestCardPayHelpers(t *testing.T) {
	l := newLinkSetup(t)
	resp := l.startCard(t, cardReq("card-helpers", "USD", 700, ""))
	for _, c := range []struct {
		name, payment, number string
		want                  error
	}{
		{"bad Luhn", resp.PaymentID, "4242 4242 4242 4241", ErrInvalidCard},
		{"too short", resp.PaymentID, "4242", ErrInvalidCard},
		{"unknown payment", "nope", visaCard, ErrPaymentNotFound},
	} {
		if err := l.s.PayCard(t.Context(), c.payment, c.number); !errors.Is(err, c.want) {
			t.Fatalf("%s: %v", c.name, err)
		}
	}
	if err := l.s.PassChallenge(t.Context(), resp.PaymentID, "123456"); !errors.Is(err, ErrNoChallenge) {
		t.Fatalf("challenge without a card: %v", err)
	}
	must(t, l.s.PayCard(t.Context(), resp.PaymentID, mastercardCard))
	n, _ := paid(t, l.m, resp.PaymentID, antom.StatusSuccess, antom.CodeSuccess, true)
	equal(t, n.CardInfo.CardBrand, "MASTERCARD", "brand")
	if err := l.s.PayCard(t.Context(), resp.PaymentID, visaCard); !errors.Is(err, ErrPaymentNotProcessing) {
		t.Fatalf("pay a paid payment: %v", err)
	}
	for number, brand := range map[string]string{"378282246310005": "AMEX", "6011111111111117": "DISCOVER",
		"3530111333300000": "JCB", "2223003122003222": "MASTERCARD", "4111111111111111": "VISA"} {
		equal(t, profileOf(number).Brand, brand, number)
		equal(t, luhn.Valid(number), true, number+" passes Luhn")
	}
	for _, c := range TestCards() {
		digits, ok := cardDigits(c.Number)
		equal(t, ok && luhn.Valid(digits), true, c.Number+" is valid")
	}
}

// Like Antom's hosted page, the card form and the challenge offer a way
// back to the shop (the request's paymentRedirectUrl) that leaves the
// payment unpaid: no failure, no notification.
func TestCardPageCancelLeadsBackUnpaid(t *testing.T) {
	l := newLinkSetup(t)
	req := cardReq("card-leave-1", "USD", 2000, "")
	resp := l.startCard(t, req)
	b := newBrowser(t)
	back := `data-testid="card-cancel">Cancel and return to the shop<`
	link := `href="` + strings.ReplaceAll(returnTo(req), "&", "&amp;") + `"`
	b.get(resp.NormalURL).has(t, "card form", back, link)

	challenged := cardReq("card-leave-2", "USD", 2000, "")
	resp2 := l.startCard(t, challenged)
	equal(t, b.post(l.url+"/sandbox/card/pay", cardFields(resp2.PaymentID, threeDSCard)).status, http.StatusSeeOther, "card given")
	b.get(resp2.NormalURL).has(t, "challenge", `data-testid="challenge-form"`, back,
		`href="`+strings.ReplaceAll(returnTo(challenged), "&", "&amp;")+`"`)

	l.wantPayment(t, resp.PaymentID, antom.PaymentProcessing, antom.CodePaymentInProcess)
	l.wantPayment(t, resp2.PaymentID, antom.PaymentProcessing, antom.CodePaymentInProcess)
	l.noNotice(t, 0)
}
