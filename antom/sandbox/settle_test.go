package sandbox

import (
	"errors"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"antom-checkout/antom"
)

func TestSettlePayment(t *testing.T) {
	l := newLinkSetup(t)
	token := l.linkUser(t, "state-settle", richUser)
	win := l.pay(t, payReq("settle-win", "GCASH", token, "USD", 1093))
	lose := l.pay(t, payReq("settle-lose", "GCASH", token, "USD", 1192))
	wantInProcess(t, win, "pay to win")
	wantInProcess(t, lose, "pay to lose")

	must(t, l.s.SettlePayment(t.Context(), win.PaymentID, true))
	wantNotice(t, l.m, win.PaymentID, antom.StatusSuccess, antom.CodeSuccess)
	l.wantPayment(t, win.PaymentID, antom.PaymentSuccess, antom.CodeSuccess)
	equal(t, l.balance(t, richUser, "USD"), int64(100_000-1093), "balance after success")

	must(t, l.s.SettlePayment(t.Context(), lose.PaymentID, false))
	wantNotice(t, l.m, lose.PaymentID, antom.StatusFail, antom.CodeProcessFail)
	l.wantPayment(t, lose.PaymentID, antom.PaymentFail, antom.CodeProcessFail)
	l.settleAfter(t, magicSettleDelay) // its planned failure no longer happens
	l.noNotice(t, 3)

	if err := l.s.SettlePayment(t.Context(), win.PaymentID, false); !errors.Is(err, ErrPaymentNotProcessing) {
		t.Fatalf("settle a final payment: %v", err)
	}
	if err := l.s.SettlePayment(t.Context(), "nope", true); !errors.Is(err, ErrPaymentNotFound) {
		t.Fatalf("settle an unknown payment: %v", err)
	}
}

func TestSettleFromControl(t *testing.T) {
	l := newLinkSetup(t)
	token := l.linkUser(t, "state-control", richUser)
	a := l.pay(t, payReq("control-a", "GCASH", token, "USD", 2093))
	b := l.pay(t, payReq("control-b", "GCASH", token, "USD", 2193))

	page := newBrowser(t).get(l.url + "/sandbox/control")
	page.has(t, "control page", `data-testid="payments"`, a.PaymentID, "control-b", "USD 20.93",
		`data-testid="settle-success"`, `data-testid="settle-fail"`, "PAYMENT_IN_PROCESS")
	equal(t, strings.Contains(page.body, string(token)), false, "control page shows a token")

	status, body := postJSON(t, l.url+"/sandbox/control/payments/settle.json", `{"paymentId":"`+a.PaymentID+`","status":"FAIL"}`)
	equal(t, status, http.StatusOK, "settle.json status")
	equal(t, body, `{"paymentId":"`+a.PaymentID+`","status":"FAIL","resultCode":"PROCESS_FAIL"}`, "settle.json answer")
	wantNotice(t, l.m, a.PaymentID, antom.StatusFail, antom.CodeProcessFail)
	equal(t, l.balance(t, richUser, "USD"), int64(100_000), "balance after failure")

	status, _ = postJSON(t, l.url+"/sandbox/control/payments/settle.json", `{"paymentId":"`+a.PaymentID+`","status":"SUCCESS"}`)
	equal(t, status, http.StatusConflict, "settle a final payment")
	status, _ = postJSON(t, l.url+"/sandbox/control/payments/settle.json", `{"paymentId":"nope","status":"SUCCESS"}`)
	equal(t, status, http.StatusNotFound, "settle an unknown payment")
	status, _ = postJSON(t, l.url+"/sandbox/control/payments/settle.json", `{"paymentId":"`+b.PaymentID+`","status":"PAID"}`)
	equal(t, status, http.StatusBadRequest, "bad status")

	form := url.Values{"paymentId": {b.PaymentID}, "status": {"SUCCESS"}}
	equal(t, newBrowser(t).post(l.url+"/sandbox/control/payments/settle", form).status, http.StatusSeeOther, "settle form")
	wantNotice(t, l.m, b.PaymentID, antom.StatusSuccess, antom.CodeSuccess)
	equal(t, l.balance(t, richUser, "USD"), int64(100_000-2193), "balance after success")
}

func TestWalletAppListsPayments(t *testing.T) {
	l := newLinkSetup(t)
	token := l.linkUser(t, "state-wallet-pay", richUser)
	l.pay(t, payReq("wallet-1", "GCASH", token, "USD", 1000))
	l.pay(t, payReq("wallet-2", "GCASH", token, "JPY", 1293))

	phone := newBrowser(t)
	phone.signIn(l.url, richUser, testPassword, "")
	p := phone.get(l.url + "/sandbox/wallet")
	p.has(t, "home", `data-testid="wallet-payments"`, "USD 10.00", "SUCCESS", "JPY 1,293", "PROCESSING", testClientID)
	if i, j := strings.Index(p.body, `data-testid="wallet-balances"`), strings.Index(p.body, `data-testid="wallet-payments"`); i > j {
		t.Fatal("payments listed above the balances")
	}

	other := newBrowser(t)
	other.signIn(l.url, poorUser, testPassword, "")
	other.get(l.url+"/sandbox/wallet").has(t, "another user's home", "No payments yet.")
}
