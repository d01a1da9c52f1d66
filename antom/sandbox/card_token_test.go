package sandbox

import (
	"errors"
	"net/http"
	"strings"
	"testing"

	"antom-checkout/antom"
)

func TestCardTokenPaysAgain(t *testing.T) {
	l := newLinkSetup(t)
	_, first := l.paidByCard(t, "token-first", 1000, antom.CaptureManual, visaCard)
	token := first.CardToken()

	req := tokenReq("token-again", token, 2500, "")
	resp := l.pay(t, req)
	wantResult(t, resp.Result, antom.StatusSuccess, antom.CodeSuccess, "pay with the card token")
	equal(t, resp.NormalURL, "", "no page for a saved card")
	wantAuthExpiry(t, resp.PaymentTime, resp.AuthExpiryTime) // pay's answer says it too (API.md §5.2)
	n, _ := paid(t, l.m, resp.PaymentID, antom.StatusSuccess, antom.CodeSuccess, true)
	equal(t, n.CardToken(), token, "same card token")
	equal(t, n.PaymentResultInfo.LastFour, "4242", "lastFour")
	wantAuthExpiry(t, n.PaymentTime, n.AuthExpiryTime)
	equal(t, n.AuthExpiryTime, resp.AuthExpiryTime, "the notification's expiry is the answer's")
	again := l.pay(t, req)
	equal(t, again.PaymentID, resp.PaymentID, "repeat")
	equal(t, again.AuthExpiryTime, resp.AuthExpiryTime, "a repeat's expiry")

	declined := l.paidWithDeclinedToken(t)
	resp = l.pay(t, tokenReq("token-declined-again", declined, 800, ""))
	wantResult(t, resp.Result, antom.StatusFail, codeRiskReject, "declined card's token")
	paid(t, l.m, resp.PaymentID, antom.StatusFail, codeRiskReject, false)
	l.noNotice(t, 5)
}

// paidWithDeclinedToken has the declined test card refused once and
// returns its card token.
func (l *linkSetup) paidWithDeclinedToken(t *testing.T) antom.Secret {
	t.Helper()
	resp := l.startCard(t, cardReq("token-declined", "USD", 800, ""))
	must(t, l.s.PayCard(t.Context(), resp.PaymentID, declinedCard))
	n, _ := paid(t, l.m, resp.PaymentID, antom.StatusFail, codeRiskReject, false)
	return n.CardToken()
}

func TestCardTokenChallenge(t *testing.T) {
	l := newLinkSetup(t)
	first := l.startCard(t, cardReq("token-3ds-first", "USD", 600, antom.CaptureManual))
	must(t, l.s.PayCard(t.Context(), first.PaymentID, threeDSCard))
	must(t, l.s.PassChallenge(t.Context(), first.PaymentID, "123456"))
	n, _ := paid(t, l.m, first.PaymentID, antom.StatusSuccess, antom.CodeSuccess, false)

	resp := l.startCard(t, tokenReq("token-3ds-again", n.CardToken(), 700, antom.CaptureManual))
	page := newBrowser(t).get(resp.NormalURL)
	page.has(t, "challenge for a saved card", `data-testid="challenge-form"`)
	if err := l.s.PayCard(t.Context(), resp.PaymentID, visaCard); !errors.Is(err, ErrCardGiven) {
		t.Fatalf("a second card while challenged: %v", err)
	}
	must(t, l.s.PassChallenge(t.Context(), resp.PaymentID, "123456"))
	n, _ = paid(t, l.m, resp.PaymentID, antom.StatusSuccess, antom.CodeSuccess, false)
	equal(t, n.PaymentResultInfo.LastFour, "3220", "lastFour")
}

func TestCardTokenOfAnotherMerchant(t *testing.T) {
	l := newLinkSetup(t)
	_, n := l.paidByCard(t, "token-mine", 1000, "", visaCard)
	must(t, l.s.Register(t.Context(), Merchant{ClientID: sandboxClient, PublicKey: &merchantKey(t).PublicKey, NotifyURL: l.m.url()}))
	other, err := antom.NewClient(antom.Config{GatewayURL: l.url, ClientID: sandboxClient, PrivateKey: merchantKey(t),
		AntomPublicKey: l.s.PublicKey(), AllowAnyGateway: true})
	must(t, err)
	res := payWith(t, other, tokenReq("token-theirs", n.CardToken(), 1000, "")).Result
	wantResult(t, res, antom.StatusFail, codeParamIllegal, "another merchant's token")
	equal(t, strings.Contains(res.ResultMessage, "unknown card token"), true, "message")
	equal(t, paymentRows(t, l.s), 1, "payments stored")

	page := newBrowser(t).get(l.url + "/sandbox/control")
	equal(t, page.status, http.StatusOK, "control page")
	page.has(t, "control page", "VISA ····4242", "AUTOMATIC · authorized USD 10.00 · captured USD 10.00")
	equal(t, strings.Contains(page.body, string(n.CardToken())), false, "control page shows a card token")
}

func TestSettleCardPayments(t *testing.T) {
	l := newLinkSetup(t)
	waiting := l.startCard(t, cardReq("settle-card", "USD", 500, ""))
	must(t, l.s.SettlePayment(t.Context(), waiting.PaymentID, true))
	n, _ := paid(t, l.m, waiting.PaymentID, antom.StatusSuccess, antom.CodeSuccess, true)
	equal(t, n.PaymentResultInfo.CardNo, "************4242", "settled with the Visa test card")

	challenged := l.startCard(t, cardReq("settle-3ds", "USD", 600, antom.CaptureManual))
	must(t, l.s.PayCard(t.Context(), challenged.PaymentID, threeDSCard))
	must(t, l.s.SettlePayment(t.Context(), challenged.PaymentID, true))
	n, _ = paid(t, l.m, challenged.PaymentID, antom.StatusSuccess, antom.CodeSuccess, false)
	equal(t, n.PaymentResultInfo.LastFour, "3220", "the challenged card passed")

	failed := l.startCard(t, cardReq("settle-fail", "USD", 700, ""))
	status, body := postJSON(t, l.url+"/sandbox/control/payments/settle.json", `{"paymentId":"`+failed.PaymentID+`","status":"FAIL"}`)
	equal(t, status, http.StatusOK, "settle.json status")
	equal(t, body, `{"paymentId":"`+failed.PaymentID+`","status":"FAIL","resultCode":"PROCESS_FAIL"}`, "settle.json answer")
	n, _ = paid(t, l.m, failed.PaymentID, antom.StatusFail, antom.CodeProcessFail, false)
	equal(t, n.CardToken(), "", "no card, no token")
}
