package sandbox

import (
	"errors"
	"strings"
	"testing"
	"time"

	"antom-checkout/antom"
)

func TestPaySuccess(t *testing.T) {
	l := newLinkSetup(t)
	token := l.linkUser(t, "state-pay-ok", richUser)
	before := l.balance(t, richUser, "USD")

	resp := l.pay(t, payReq("pay-ok-1", "GCASH", token, "USD", 1000))
	wantResult(t, resp.Result, antom.StatusSuccess, antom.CodeSuccess, "pay")
	equal(t, resp.PaymentRequestID, "pay-ok-1", "paymentRequestId")
	equal(t, len(resp.PaymentID), 35, "paymentId length")
	equal(t, strings.HasPrefix(resp.PaymentID, l.clock.now().In(time.FixedZone("", 8*3600)).Format("20060102")), true, "paymentId starts with the day")
	equal(t, resp.PaymentAmount, antom.MinorAmount("USD", 1000), "paymentAmount")
	for _, ts := range []string{resp.PaymentCreateTime, resp.PaymentTime} {
		_, err := time.Parse(time.RFC3339, ts)
		must(t, err)
	}
	equal(t, l.balance(t, richUser, "USD"), before-1000, "balance after pay")

	n, body := nextPaymentNotice(t, l.m)
	equal(t, resp.Result.ResultMessage, vectorMessage(t, "pay_agreement.json"), "pay resultMessage")
	want := `{"notifyType":"PAYMENT_RESULT","result":{"resultCode":"SUCCESS","resultStatus":"S","resultMessage":"` + vectorMessage(t, "notifyPayment.json") + `"},` +
		`"paymentRequestId":"pay-ok-1","paymentId":"` + resp.PaymentID + `","paymentAmount":{"currency":"USD","value":"1000"},` +
		`"paymentCreateTime":"` + resp.PaymentCreateTime + `","paymentTime":"` + resp.PaymentTime + `","paymentMethodType":"GCASH"}`
	equal(t, body, want, "notifyPayment body")
	equal(t, n.PaymentTime, resp.PaymentTime, "notified paymentTime")

	r := l.wantPayment(t, resp.PaymentID, antom.PaymentSuccess, antom.CodeSuccess)
	equal(t, r.PaymentMethodType, "GCASH", "paymentMethodType")
	equal(t, r.PaymentTime, resp.PaymentTime, "inquiry paymentTime")
	equal(t, l.inquire(t, "", "pay-ok-1").PaymentID, resp.PaymentID, "inquiry by paymentRequestId")
	equal(t, l.s.Calls(apiPay), 1, "pay calls")
	equal(t, l.s.Calls(apiInquiryPayment), 2, "inquiryPayment calls")

	info, err := l.s.Payment(t.Context(), resp.PaymentID)
	must(t, err)
	equal(t, info, PaymentInfo{PaymentID: resp.PaymentID, PaymentRequestID: "pay-ok-1", ClientID: testClientID,
		Status: antom.PaymentSuccess, ResultCode: antom.CodeSuccess, Currency: "USD", Amount: 1000, Login: richUser}, "Payment")
	if _, err := l.s.Payment(t.Context(), "nope"); !errors.Is(err, ErrPaymentNotFound) {
		t.Fatalf("Payment of an unknown id: %v", err)
	}
}

func TestPayNotifiesPaymentNotifyURL(t *testing.T) {
	l := newLinkSetup(t)
	token := l.linkUser(t, "state-pay-url", richUser)
	other := newMerchant(t, l.s, ack)
	req := payReq("pay-url-1", "GCASH", token, "JPY", 1500)
	req.PaymentNotifyURL = other.URL + "/antom/notify/payment"
	resp := l.pay(t, req)
	wantNotice(t, other, resp.PaymentID, antom.StatusSuccess, antom.CodeSuccess)
	l.noNotice(t, 2) // AUTHCODE_CREATED and this one
}

func TestPayBalanceNotEnough(t *testing.T) {
	l := newLinkSetup(t)
	token := l.linkUser(t, "state-pay-poor", poorUser)
	for _, c := range []struct {
		id, currency string
		minor        int64
	}{{"poor-usd", "USD", 501}, {"poor-php", "PHP", 100}} {
		before := l.balance(t, poorUser, c.currency)
		resp := l.pay(t, payReq(c.id, "GCASH", token, c.currency, c.minor))
		wantResult(t, resp.Result, antom.StatusFail, antom.CodeUserBalanceNotEnough, c.id)
		equal(t, resp.PaymentID != "", true, c.id+": paymentId of the failed payment")
		equal(t, l.balance(t, poorUser, c.currency), before, c.id+": balance")
		wantNotice(t, l.m, resp.PaymentID, antom.StatusFail, antom.CodeUserBalanceNotEnough)
		l.wantPayment(t, resp.PaymentID, antom.PaymentFail, antom.CodeUserBalanceNotEnough)
	}
	resp := l.pay(t, payReq("poor-ok", "GCASH", token, "USD", 500))
	wantResult(t, resp.Result, antom.StatusSuccess, antom.CodeSuccess, "the whole balance")
	equal(t, l.balance(t, poorUser, "USD"), int64(0), "balance spent")
}

func TestPayInvalidAccessToken(t *testing.T) {
	l := newLinkSetup(t)
	must(t, l.s.Register(t.Context(), Merchant{ClientID: sandboxClient, PublicKey: &merchantKey(t).PublicKey, NotifyURL: l.m.url()}))
	other, err := antom.NewClient(antom.Config{GatewayURL: l.url, ClientID: sandboxClient, PrivateKey: merchantKey(t),
		AntomPublicKey: l.s.PublicKey(), AllowAnyGateway: true})
	must(t, err)

	revoked := l.linkUser(t, "state-bad-1", richUser)
	equal(t, l.revoke(t, revoked).ResultCode, antom.CodeSuccess, "revoke")
	canceled := l.linkUser(t, "state-bad-2", richUser)
	must(t, l.s.CancelToken(t.Context(), string(canceled), "closed"))
	l.canceledNotice(t)
	live := l.linkUser(t, "state-bad-3", richUser)

	for _, c := range []struct {
		name   string
		client *antom.Client
		wallet string
		token  antom.Secret
	}{
		{"revoked", l.client, "GCASH", revoked},
		{"canceled", l.client, "GCASH", canceled},
		{"another merchant's", other, "GCASH", live},
		{"another wallet", l.client, "ALIPAY_HK", live},
		{"unknown", l.client, "GCASH", "NO-SUCH-TOKEN"},
	} {
		resp := payWith(t, c.client, payReq("bad-token-"+c.name, c.wallet, c.token, "USD", 1000))
		wantResult(t, resp.Result, antom.StatusFail, antom.CodeInvalidAccessToken, c.name)
		wantNotice(t, l.m, resp.PaymentID, antom.StatusFail, antom.CodeInvalidAccessToken)
		info, err := l.s.Payment(t.Context(), resp.PaymentID)
		must(t, err)
		equal(t, info.Status, antom.PaymentFail, c.name+": status")
		equal(t, info.ResultCode, antom.CodeInvalidAccessToken, c.name+": code")
	}
	equal(t, l.balance(t, richUser, "USD"), int64(100_000), "balance")
}

func TestPayParamIllegal(t *testing.T) {
	l := newLinkSetup(t)
	token := l.linkUser(t, "state-param", richUser)
	in := func(d time.Duration) string { return antomTime(l.clock.now().Add(d)) }
	for _, c := range []struct {
		name, want string
		edit       func(r *antom.PayRequest)
	}{
		{"expiry 2 minutes ahead", "no more than 1 minute", func(r *antom.PayRequest) { r.PaymentExpiryTime = in(2 * time.Minute) }},
		{"expiry unparseable", "paymentExpiryTime", func(r *antom.PayRequest) { r.PaymentExpiryTime = "tomorrow" }},
		{"expiry without offset", "paymentExpiryTime", func(r *antom.PayRequest) { r.PaymentExpiryTime = "2026-11-22T09:35:22" }},
		{"no request id", "paymentRequestId", func(r *antom.PayRequest) { r.PaymentRequestID = "" }},
		{"long request id", "paymentRequestId", func(r *antom.PayRequest) { r.PaymentRequestID = strings.Repeat("x", 65) }},
		{"lower-case currency", "paymentAmount.currency", func(r *antom.PayRequest) { r.PaymentAmount.Currency = "usd" }},
		{"decimal value", "paymentAmount.value", func(r *antom.PayRequest) { r.PaymentAmount.Value = "10.00" }},
		{"zero value", "paymentAmount.value", func(r *antom.PayRequest) { r.PaymentAmount.Value = "0" }},
		{"no order amount", "order.orderAmount", func(r *antom.PayRequest) { r.Order.OrderAmount = antom.Amount{} }},
		{"no method type", "paymentMethodType", func(r *antom.PayRequest) { r.PaymentMethod.PaymentMethodType = "" }},
		{"card", "paymentMethodType", func(r *antom.PayRequest) { r.PaymentMethod.PaymentMethodType = "CARD" }},
		{"no token", "paymentMethodId", func(r *antom.PayRequest) { r.PaymentMethod.PaymentMethodID = "" }},
		{"bad notify URL", "paymentNotifyUrl", func(r *antom.PayRequest) { r.PaymentNotifyURL = "ftp://x" }},
		{"no product", "productCode", func(r *antom.PayRequest) { r.ProductCode = "" }},
		{"in-store payment", "not supported", func(r *antom.PayRequest) { r.ProductCode = "IN_STORE_PAYMENT" }},
		{"cashier with a wallet", "supports CARD", func(r *antom.PayRequest) { r.ProductCode = antom.ProductCashierPayment }},
	} {
		req := payReq("param-1", "GCASH", token, "USD", 1000)
		c.edit(req)
		res := l.pay(t, req).Result
		wantResult(t, res, antom.StatusFail, codeParamIllegal, c.name)
		if !strings.Contains(res.ResultMessage, c.want) {
			t.Fatalf("%s: message %q lacks %q", c.name, res.ResultMessage, c.want)
		}
	}
	equal(t, paymentRows(t, l.s), 0, "payments stored")
	l.noNotice(t, 1) // AUTHCODE_CREATED

	req := payReq("param-1", "GCASH", token, "USD", 1000)
	req.PaymentExpiryTime = in(50 * time.Second)
	wantResult(t, l.pay(t, req).Result, antom.StatusSuccess, antom.CodeSuccess, "expiry 50 s ahead")
}

func TestPayRepeat(t *testing.T) {
	l := newLinkSetup(t)
	token := l.linkUser(t, "state-repeat", richUser)
	first := l.pay(t, payReq("repeat-1", "GCASH", token, "USD", 2500))
	wantNotice(t, l.m, first.PaymentID, antom.StatusSuccess, antom.CodeSuccess)
	again := l.pay(t, payReq("repeat-1", "GCASH", token, "USD", 2500))
	equal(t, *again, *first, "repeated answer")
	equal(t, l.balance(t, richUser, "USD"), int64(100_000-2500), "debited once")

	for name, req := range map[string]*antom.PayRequest{
		"amount":   payReq("repeat-1", "GCASH", token, "USD", 2600),
		"currency": payReq("repeat-1", "GCASH", token, "JPY", 2500),
		"order": func() *antom.PayRequest {
			r := payReq("repeat-1", "GCASH", token, "USD", 2500)
			r.Order.ReferenceOrderID = "another-order"
			return r
		}(),
	} {
		wantResult(t, l.pay(t, req).Result, antom.StatusFail, antom.CodeRepeatReqInconsistent, "other "+name)
	}
	equal(t, paymentRows(t, l.s), 1, "payments stored")
	l.noNotice(t, 2)
}

func TestPayRepeatAfterDroppedAnswer(t *testing.T) {
	l := newLinkSetup(t)
	token := l.linkUser(t, "state-drop", richUser)
	l.s.Faults().SetAPI(apiPay, APIFault{DropNext: 1})
	req := payReq("drop-1", "GCASH", token, "USD", 4000)
	if _, err := l.client.Pay(t.Context(), req); err == nil {
		t.Fatal("dropped answer: no error")
	}
	resp := l.pay(t, req)
	wantResult(t, resp.Result, antom.StatusSuccess, antom.CodeSuccess, "repeat after the drop")
	wantNotice(t, l.m, resp.PaymentID, antom.StatusSuccess, antom.CodeSuccess)
	equal(t, l.balance(t, richUser, "USD"), int64(100_000-4000), "debited once")
	equal(t, l.s.Calls(apiPay), 2, "pay calls")
	equal(t, paymentRows(t, l.s), 1, "payments stored")
	l.noNotice(t, 2)
}

func TestPayRepeatOfFailure(t *testing.T) {
	l := newLinkSetup(t)
	token := l.linkUser(t, "state-repeat-f", poorUser)
	first := l.pay(t, payReq("repeat-f", "GCASH", token, "USD", 9000))
	wantNotice(t, l.m, first.PaymentID, antom.StatusFail, antom.CodeUserBalanceNotEnough)
	_, err := l.s.db.ExecContext(t.Context(), `UPDATE wallet_balances SET minor = 100000 WHERE login = ?`, poorUser)
	must(t, err)
	again := l.pay(t, payReq("repeat-f", "GCASH", token, "USD", 9000))
	equal(t, *again, *first, "repeated F answer, though the balance now covers it")
	l.noNotice(t, 2)
}
